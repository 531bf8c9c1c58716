package io.pqkmcu.codegen.emulator;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.toolchain.ToolMissingException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Run by ToolMissingTest in a JVM whose PATH holds no tools: prints the messages of the
 * ToolMissingExceptions that CrossCompiler and QemuRunner throw, one per line, and exits 0 only when
 * both threw one.
 */
public final class ToolMissingProbe {
    private ToolMissingProbe() {}

    public static void main(String[] args) throws Exception {
        Board board = BoardCatalog.byId("qemu-mps2-an386");
        Path dir = Files.createTempDirectory("pqk-probe");
        Path fake = Files.writeString(dir.resolve("fake.elf"), "not an elf");
        int thrown = 0;
        try {
            CrossCompiler.build(board, List.of(fake), List.of(), fake, dir.resolve("out.elf"));
        } catch (ToolMissingException e) {
            System.out.println(e.getMessage());
            thrown++;
        }
        try {
            QemuRunner.run(board, fake, Duration.ofSeconds(5));
        } catch (ToolMissingException e) {
            System.out.println(e.getMessage());
            thrown++;
        }
        Files.delete(fake);
        Files.delete(dir);
        System.exit(thrown == 2 ? 0 : 1);
    }
}
