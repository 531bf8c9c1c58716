package io.pqkmcu.codegen.device;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.emulator.CrossCompiler;
import io.pqkmcu.codegen.emulator.FirmwareSize;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds a generated project with its own Makefile: the host library and the board firmware. */
public final class ProjectBuild {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private ProjectBuild() {}

    /** {@code make host}: the model as a shared library for JNA; returns its path. */
    public static Path host(ProjectInfo project) {
        Tool.GCC.require();
        make(project, "host");
        return project.directory().resolve("build/host/libpqkmodel.so");
    }

    /** {@code make firmware} for the project's board: .elf, .bin, .hex; returns the ELF's sizes. */
    public static Firmware firmware(ProjectInfo project) {
        return firmware(project, false);
    }

    /**
     * {@code make firmware}, or with {@code profile} the profiling build ({@code make firmware PROFILE=1}, in
     * {@code build/<board>-profile/}), whose model reports instructions per layer.
     */
    public static Firmware firmware(ProjectInfo project, boolean profile) {
        Board board = board(project);
        Tool.ARM_GCC.require();
        if (profile) {
            make(project, "firmware", "PROFILE=1");
        } else {
            make(project, "firmware");
        }
        Path elf = project.directory().resolve("build/" + board.id() + (profile ? "-profile" : "") + "/firmware.elf");
        return new Firmware(board, elf, CrossCompiler.size(elf));
    }

    /** A built firmware image and its section sizes. */
    public record Firmware(Board board, Path elf, FirmwareSize size) {}

    static Board board(ProjectInfo project) {
        if ("host".equals(project.boardId())) {
            throw new IllegalArgumentException(project.directory() + " was generated without a board (--board host); "
                    + "regenerate it with --board, e.g. --board qemu-mps2-an386 (see pqk boards)");
        }
        return BoardCatalog.byId(project.boardId());
    }

    private static void make(ProjectInfo project, String... targetAndVariables) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Tool.MAKE.require(), "-s"));
        cmd.addAll(List.of(targetAndVariables));
        String target = String.join(" ", targetAndVariables);
        ProcessRunner.Result r = ProcessRunner.run(cmd, project.directory(), TIMEOUT);
        if (!r.ok()) {
            throw new IllegalStateException("make " + target + " failed in " + project.directory() + ":\n" + r.stderr()
                    + r.stdout());
        }
    }
}
