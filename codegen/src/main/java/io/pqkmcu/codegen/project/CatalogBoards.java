package io.pqkmcu.codegen.project;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.emulator.CrossCompiler;
import io.pqkmcu.codegen.fit.BoardLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The boards module's catalog as the generator's {@link BoardResolver}. */
public final class CatalogBoards implements BoardResolver {
    /** Name of the linker script among a board's firmware files. */
    static final String LINKER_SCRIPT = "pqk_board.ld";

    @Override
    public Optional<FirmwareBoard> resolve(String boardId) {
        return BoardCatalog.all().stream().filter(b -> b.id().equals(boardId)).findFirst().map(CatalogBoards::adapt);
    }

    @Override
    public List<String> knownBoards() {
        return BoardCatalog.ids();
    }

    static FirmwareBoard adapt(Board b) {
        // Target flags plus section-per-function, so --gc-sections drops unused kernels; warnings and -O2
        // come from the Makefile's own variables. The link repeats the target flags (multilib choice).
        List<String> cflags = new ArrayList<>(b.compilerFlags());
        cflags.addAll(CrossCompiler.OPTIMIZATION_FLAGS.subList(1, CrossCompiler.OPTIMIZATION_FLAGS.size()));
        List<String> ldflags = new ArrayList<>(CrossCompiler.LINK_OPTIONS);
        BoardLimits limits = new BoardLimits(b.id(), b.memory().flash().size(), b.memory().ram().size());
        return new FirmwareBoard(b.id(), limits, cflags, ldflags,
                b.firmwareFiles(), LINKER_SCRIPT, b.target().hasDsp());
    }
}
