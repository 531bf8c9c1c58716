package io.pqkmcu.codegen.emulator;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.boards.BoardFiles;
import io.pqkmcu.boards.ExitMode;
import io.pqkmcu.boards.FlashTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds the self-test firmware (test resource selftest_main.c) with each QEMU board's startup and
 * runtime under the strict flags, runs it in QEMU and checks UART text, exit statuses, fault
 * reporting, the timeout kill and the instruction counter.
 */
class QemuRunnerTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    /** Built images by board id and SELFTEST_MODE; building is the slow part, so each is built once. */
    private static final Map<String, FirmwareImage> BUILT = new HashMap<>();
    /** First run of the mode-0 image per board, shared by the tests that only read its output. */
    private static final Map<String, QemuResult> SELF_TEST_RUNS = new HashMap<>();

    static Stream<Board> qemuBoards() {
        return BoardCatalog.all().stream().filter(Board::runsInQemu);
    }

    private static synchronized FirmwareImage firmware(Board board, int mode) {
        return BUILT.computeIfAbsent(board.id() + "/" + mode, key -> {
            Path dir = work.resolve(board.id());
            BoardFiles files = board.writeFirmwareFiles(dir.resolve("board"));
            Path main = dir.resolve("selftest_main.c");
            if (!Files.exists(main)) {
                copyResource("selftest_main.c", main);
            }
            List<Path> sources = new ArrayList<>(files.sources());
            sources.add(main);
            return CrossCompiler.build(board, sources, List.of(files.directory()), files.linkerScript(),
                    dir.resolve("selftest" + mode + ".elf"), List.of("-DSELFTEST_MODE=" + mode));
        });
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = QemuRunnerTest.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized QemuResult selfTestRun(Board board) {
        return SELF_TEST_RUNS.computeIfAbsent(board.id(), id -> run(board, 0));
    }

    private static QemuResult run(Board board, int mode) {
        return QemuRunner.run(board, firmware(board, mode).elf(), RUN_TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qemuBoards")
    void selfTestPrintsOverUartAndExitsZero(Board board) {
        QemuResult r = selfTestRun(board);
        assertTrue(r.succeeded(), r.summary());
        String out = r.uartOutput();
        assertTrue(out.startsWith("hello from " + board.id() + "\n"), r.summary());
        assertTrue(out.contains("ints -2147483648 0 2147483647 18446744073709551615 0xdeadbeef\n"), r.summary());
        assertTrue(out.contains("data 0x12345678 bss 0\n"), r.summary());
        assertTrue(out.endsWith("done\n"), r.summary());
        assertTrue(r.commandLine().containsAll(List.of("-M", board.emulators().qemuMachine().orElseThrow(), "-cpu",
                        board.qemuCpu())),
                r.commandLine().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qemuBoards")
    void instructionCountsMatchTheLoopAndRepeatExactly(Board board) {
        QemuResult first = selfTestRun(board);
        QemuResult second = run(board, 0);
        assertTrue(first.succeeded(), first.summary());
        assertEquals(first.uartOutput(), second.uartOutput(), "two runs of the same image must count the same");

        // SysTick ticks per instruction; each wrap-around adds the SysTick handler's few instructions.
        double ticksPerInstruction = (double) board.instructionScale().denominator() / board.instructionScale().numerator();
        Matcher m = Pattern.compile("(?m)^(spin|masked) (\\d+) (\\d+)$").matcher(first.uartOutput());
        Long overhead = null;
        int lines = 0;
        while (m.find()) {
            lines++;
            long n = Long.parseLong(m.group(2));
            long counted = Long.parseUnsignedLong(m.group(3)); // a broken counter may go "negative"
            long loop = 2 * n; // subs + bne per iteration, by construction of spin()
            if (overhead == null) {
                // spin(1): what the measurement itself costs (the calls around the loop)
                overhead = counted - loop;
                // A few dozen instructions; more where ticks-to-instructions divides by a non-power of two
                // (netduinoplus2: x 125 / 1344, a libgcc 64-bit division).
                assertTrue(overhead >= 0 && overhead <= 96, "measurement overhead " + overhead + "\n" + first.summary());
                continue;
            }
            long wraps = (long) Math.ceil(loop * ticksPerInstruction / (1L << 24));
            long excess = counted - loop - overhead;
            // Each reading floors twice (virtual time to ticks, ticks to instructions), so it is the true count
            // or one less: a difference of two readings is off by at most one, and so is the overhead taken from
            // spin(1), hence ±2; plus up to 8 instructions per handler run. (At 25 MHz a tick is 0.625
            // instructions and the floors rarely both go one way; at the micro:bit's 16 MHz a tick is 0.977
            // instructions and they do.)
            assertTrue(excess >= -2 && excess <= 2 + 8 * wraps,
                    m.group() + ": expected " + loop + " + " + overhead + " (+ handler per wrap), got excess " + excess
                            + "\n" + first.summary());
        }
        assertEquals(5, lines, first.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qemuBoards")
    void nonZeroExitStatusBecomesQemusExitCode(Board board) {
        QemuResult r = run(board, 1);
        assertFalse(r.timedOut(), r.summary());
        assertEquals(42, r.exitCode(), r.summary());
        assertTrue(r.uartOutput().contains("exiting with 42\n"), r.summary());
        assertFalse(r.succeeded());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qemuBoards")
    void faultIsReportedAndEndsTheRun(Board board) {
        QemuResult r = run(board, 3);
        assertFalse(r.timedOut(), r.summary());
        assertEquals(70, r.exitCode(), r.summary());
        assertTrue(r.uartOutput().contains("faulting\n"), r.summary());
        // UDF with UsageFault disabled escalates to HardFault; the report names the stacked PC.
        assertTrue(r.uartOutput().contains("pqk: fault: HardFault exception=3 pc=0x"), r.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qemuBoards")
    void hangingFirmwareIsKilledAtTheTimeout(Board board) {
        FirmwareImage hang = firmware(board, 2);
        QemuResult r = QemuRunner.run(board, hang.elf(), Duration.ofMillis(500));
        assertTrue(r.timedOut(), r.summary());
        assertEquals(-1, r.exitCode());
        assertFalse(r.succeeded());
    }

    @Test
    void exitStatusOutsideTheByteRangeIsNotMistakenForSuccess() {
        Board board = BoardCatalog.byId("qemu-mps2-an386");
        QemuResult r = run(board, 4);
        assertEquals(255, r.exitCode(), r.summary());
    }

    @Test
    void imagesComeWithBinHexMapAndSizes() throws IOException {
        Board board = BoardCatalog.byId("qemu-mps2-an386");
        FirmwareImage img = firmware(board, 0);
        for (Path p : List.of(img.elf(), img.bin(), img.hex(), img.map())) {
            assertTrue(Files.size(p) > 0, p + " is empty");
        }
        assertTrue(Files.readString(img.hex()).startsWith(":"), "not Intel HEX");
        // The raw image holds the text and the .data initial values, from the flash base on.
        assertEquals(img.size().flashBytes(), Files.size(img.bin()));
        assertTrue(img.size().text() > 0 && img.size().data() >= 4, img.size().toString());
        assertTrue(img.size().bss() >= board.memory().stackSize(), "bss must include the stack reserve: " + img.size());
        assertEquals(img.size(), CrossCompiler.size(img.elf()));
    }

    @Test
    void boardWithoutQemuMachineIsRefusedByName() {
        Board base = BoardCatalog.byId("qemu-mps2-an386");
        Board silicon = new Board("real-board", "no emulator", base.target(), base.memory(), base.clocks(), base.uart(),
                base.setup(), ExitMode.HALT, Board.Emulators.NONE, FlashTools.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QemuRunner.run(silicon, work.resolve("none.elf"), RUN_TIMEOUT));
        assertTrue(e.getMessage().contains("real-board") && e.getMessage().contains("qemu-mps2-an386"), e.getMessage());
    }

    @Test
    void missingElfIsRefusedWithItsPath() {
        Path missing = work.resolve("missing.elf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QemuRunner.run(BoardCatalog.byId("qemu-mps2-an386"), missing, RUN_TIMEOUT));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
