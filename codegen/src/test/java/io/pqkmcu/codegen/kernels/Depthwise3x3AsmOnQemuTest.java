package io.pqkmcu.codegen.kernels;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.boards.BoardFiles;
import io.pqkmcu.codegen.emulator.CrossCompiler;
import io.pqkmcu.codegen.emulator.QemuResult;
import io.pqkmcu.codegen.emulator.QemuRunner;
import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pqk_depthwise_conv_3x3_s8's assembly column walks (pqk_dw3_columns_dsp on the M4, pqk_dw3_columns_plain
 * on the M3) against its C loops, one firmware per core: the kernel is compiled twice, once as it ships
 * and once with -DPQK_DW3_NO_ASM, and dw3x3_paths_main.c runs both on a few hundred random layers (every
 * tail of the column triples, strides, padding, channel counts that are not multiples of four, in place)
 * and compares every output byte. The Java reference checks the kernel through whole models elsewhere
 * (KernelPathsOnQemuTest, ThreeWayBitExactnessTest); this one reaches the shapes those do not draw.
 */
class Depthwise3x3AsmOnQemuTest {
    private static final String RUNTIME_C = "/io/pqkmcu/runtime/c/";
    private static final Pattern RESULT = Pattern.compile("PQK DW3 runs=(\\d+) fails=(\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"qemu-mps2-an386", "qemu-mps2-an385"})
    void assemblyAndCPathsGiveTheSameBytes(String boardId) {
        Board board = BoardCatalog.byId(boardId);
        BoardFiles files = board.writeFirmwareFiles(dir.resolve("board"));
        for (String name : List.of("pqk_common.h", "pqk_kernels.h", "pqk_kernel_util.h", "pqk_depthwise_conv_3x3_s8.c")) {
            copy(RUNTIME_C + name, dir.resolve(name));
        }
        copy("/io/pqkmcu/codegen/kernels/dw3x3_paths_main.c", dir.resolve("main.c"));
        write(dir.resolve("dw3_asm.c"), "#define pqk_depthwise_conv_3x3_s8 dw3_asm\n"
                + "#define pqk_depthwise_conv_3x3_s8_get_buffer_size dw3_asm_get_buffer_size\n"
                + "#include \"pqk_depthwise_conv_3x3_s8.c\"\n");
        write(dir.resolve("dw3_c.c"), "#define PQK_DW3_NO_ASM 1\n"
                + "#define pqk_depthwise_conv_3x3_s8 dw3_c\n"
                + "#define pqk_depthwise_conv_3x3_s8_get_buffer_size dw3_c_get_buffer_size\n"
                + "#include \"pqk_depthwise_conv_3x3_s8.c\"\n");
        List<Path> sources = new ArrayList<>(files.sources());
        sources.add(dir.resolve("main.c"));
        sources.add(dir.resolve("dw3_asm.c"));
        sources.add(dir.resolve("dw3_c.c"));
        Path elf = dir.resolve("build").resolve("dw3.elf");
        CrossCompiler.build(board, sources, List.of(dir, files.directory()), files.linkerScript(), elf);
        String symbols = ProcessRunner.runChecked(List.of("arm-none-eabi-nm", elf.toString()),
                dir, Duration.ofMinutes(1)).stdout();
        assertTrue(symbols.contains(boardId.equals("qemu-mps2-an386") ? "pqk_dw3_columns_dsp" : "pqk_dw3_columns_plain"),
                "the assembly routine is not linked:\n" + symbols);

        QemuResult r = QemuRunner.run(board, elf, Duration.ofMinutes(5));
        Matcher m = RESULT.matcher(r.uartOutput());
        assertTrue(m.find(), "no result line: " + r.summary());
        assertTrue(Integer.parseInt(m.group(1)) >= 200, "too few layers ran: " + m.group());
        assertEquals("0", m.group(2), r.uartOutput());
        assertEquals(0, r.exitCode(), r.summary());
    }

    private static void copy(String resource, Path target) {
        try (InputStream in = Depthwise3x3AsmOnQemuTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            AtomicFiles.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path target, String text) {
        AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
