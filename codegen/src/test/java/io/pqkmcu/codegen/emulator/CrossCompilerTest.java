package io.pqkmcu.codegen.emulator;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.boards.BoardFiles;
import io.pqkmcu.codegen.toolchain.HostCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossCompilerTest {

    @Test
    void compileFlagsAreBoardThenStrictThenOptimisation() {
        Board b = BoardCatalog.byId("qemu-mps2-an386");
        List<String> expected = new ArrayList<>(b.compilerFlags());
        expected.addAll(HostCompiler.STRICT_FLAGS);
        expected.addAll(List.of("-O2", "-ffunction-sections", "-fdata-sections", "-fmerge-all-constants"));
        assertEquals(expected, CrossCompiler.compileFlags(b));
    }

    @Test
    void linkFlagsNameTheScriptAsGiven() {
        Board b = BoardCatalog.byId("qemu-mps2-an385");
        List<String> flags = CrossCompiler.linkFlags(b, "board/pqk_board.ld");
        assertEquals(List.of("-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft", "-T", "board/pqk_board.ld",
                "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-Wl,--no-warn-execstack"), flags);
    }

    @Test
    void parsesBerkeleySizeOutput() {
        String out = "   text\t   data\t    bss\t    dec\t    hex\tfilename\n"
                + "   2340\t      4\t   8224\t  10568\t   2948\t/tmp/x/fw.elf\n";
        FirmwareSize s = FirmwareSize.parse(out);
        assertEquals(new FirmwareSize(2340, 4, 8224), s);
        assertEquals(2344, s.flashBytes());
        assertEquals(8228, s.ramBytes());
    }

    @Test
    void refusesUnexpectedSizeOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FirmwareSize.parse("arm-none-eabi-size: 'x.elf': No such file"));
        assertTrue(e.getMessage().contains("unexpected arm-none-eabi-size output"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FirmwareSize.parse("text data bss\nabc def ghi\n"));
    }

    /**
     * Boards no emulator here runs (Renode is not installed) still get their startup, runtime and UART driver
     * built under the strict flags, and the image must start at the flash base with the vector table.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allBoards")
    void everyBoardsRuntimeBuildsStrictlyWithTheVectorTableAtTheFlashBase(Board b, @TempDir Path dir) throws IOException {
        BoardFiles files = b.writeFirmwareFiles(dir.resolve("board"));
        Path main = dir.resolve("hello.c");
        Files.writeString(main, "#include \"pqk_board.h\"\nint main(void) { pqk_board_init(); pqk_board_puts(\"hi\\n\"); "
                + "return 0; }\n");
        List<Path> sources = new ArrayList<>(files.sources());
        sources.add(main);
        FirmwareImage img = CrossCompiler.build(b, sources, List.of(files.directory()), files.linkerScript(),
                dir.resolve("hello.elf"));
        String map = Files.readString(img.map());
        assertTrue(map.matches("(?s).*\\.vectors\\s+0x0*" + Long.toHexString(b.memory().flash().base()) + "\\s.*"),
                b.id() + ": .vectors not at the flash base 0x" + Long.toHexString(b.memory().flash().base()));
        assertTrue(img.size().ramBytes() <= b.memory().ram().size()
                && img.size().flashBytes() <= b.memory().flash().size());
    }

    static java.util.stream.Stream<Board> allBoards() {
        return BoardCatalog.all().stream();
    }

    @Test
    void ramOverflowFailsTheLinkNamingTheRegion(@TempDir Path dir) throws IOException {
        Board b = BoardCatalog.byId("qemu-mps3-an547"); // 512 KB of RAM
        BoardFiles files = b.writeFirmwareFiles(dir.resolve("board"));
        Path main = dir.resolve("big.c");
        Files.writeString(main, String.join("\n",
                "#include \"pqk_board.h\"",
                "static volatile uint8_t big[600u * 1024u];",
                "int main(void) { pqk_board_init(); big[1] = 1; return big[1]; }",
                ""));
        List<Path> sources = new ArrayList<>(files.sources());
        sources.add(main);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CrossCompiler.build(
                b, sources, List.of(files.directory()), files.linkerScript(), dir.resolve("big.elf")));
        assertTrue(e.getMessage().contains("region `RAM' overflowed"), e.getMessage());
    }

    @Test
    void strictFlagsRejectWarnings(@TempDir Path dir) throws IOException {
        Board b = BoardCatalog.byId("qemu-mps2-an386");
        BoardFiles files = b.writeFirmwareFiles(dir.resolve("board"));
        Path main = dir.resolve("warn.c");
        Files.writeString(main, "int main(void) { int unused; return 0; }\n");
        List<Path> sources = new ArrayList<>(files.sources());
        sources.add(main);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CrossCompiler.build(
                b, sources, List.of(files.directory()), files.linkerScript(), dir.resolve("warn.elf")));
        assertTrue(e.getMessage().contains("unused variable"), e.getMessage());
    }

    @Test
    void missingSourceIsNamed(@TempDir Path dir) {
        Board b = BoardCatalog.byId("qemu-mps2-an386");
        BoardFiles files = b.writeFirmwareFiles(dir.resolve("board"));
        Path missing = dir.resolve("nope.c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossCompiler.build(
                b, List.of(missing), List.of(files.directory()), files.linkerScript(), dir.resolve("x.elf")));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
