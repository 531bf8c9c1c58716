package io.pqkmcu.codegen.renode;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.device.ProjectBuild;
import io.pqkmcu.codegen.emulator.QemuResult;
import io.pqkmcu.codegen.emulator.QemuRunner;
import io.pqkmcu.codegen.firmware.FirmwareApp;
import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.codegen.stream.StreamConfig;
import io.pqkmcu.codegen.stream.StreamInput;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lines the Robot tests wait for, checked against real firmware output where an emulator is at hand:
 * QEMU. Renode is not installed here, so this is how the expectations themselves are tested. It includes a
 * Renode-only board: the STM32F4DISCOVERY's STM32F407 has the memory map and USART of QEMU's STM32F405
 * (netduinoplus2), so its firmware runs there with the second serial port (USART2) on stdout, and must print
 * every expected line, ending with "PQK EXIT 0" from the halt exit.
 */
class ExpectedUartOnQemuTest {
    private static final FrontEndConfig FE = FrontEndConfig.mfccDefault();

    @TempDir
    Path tmp;

    /** Each expected regex must match a line of the output, in order (other lines may come between). */
    static void assertLinesInOrder(List<String> expected, String output) {
        String[] lines = output.split("\\R");
        int at = 0;
        for (String regex : expected) {
            Pattern p = Pattern.compile(regex);
            while (at < lines.length && !p.matcher(lines[at]).find()) {
                at++;
            }
            assertTrue(at < lines.length, "no line matches " + regex + " (in order) in:\n" + output);
            at++;
        }
    }

    private static List<String> expected(Int8Model m, GenerateOptions o, String boardId) {
        String checksum = ModelFile.checksum(m);
        FirmwareApp app = FirmwareApp.of(m, o.tests(), o.stream(), Long.parseLong(checksum, 16));
        return app.expectedUart(BoardCatalog.byId(boardId), m.name(), checksum);
    }

    @Test
    void testFirmwareOnAQemuBoardPrintsExactlyTheExpectedLines() {
        Int8Model m = RandomModels.random(4000, FE.frames(), FE.featuresPerFrame(), 1, 12, FE);
        Path dir = tmp.resolve("an386");
        GenerateOptions o = GenerateOptions.of(dir).withBoard("qemu-mps2-an386");
        new ProjectGenerator().generate(m, o);
        ProjectBuild.Firmware fw = ProjectBuild.firmware(ProjectInfo.read(dir));
        QemuResult r = QemuRunner.run(fw.board(), fw.elf(), Duration.ofSeconds(60));
        assertTrue(r.succeeded(), r.summary());
        List<String> lines = expected(m, o, "qemu-mps2-an386");
        assertEquals(2 + 2, lines.size(), "header, two clips, verdict; no EXIT line under semihosting: " + lines);
        assertLinesInOrder(lines, r.uartOutput());

        // The expectations are specific: one logit off and the line no longer matches.
        List<String> wrong = new ArrayList<>(lines);
        wrong.set(1, wrong.get(1).replaceFirst("logits=(-?)(\\d)", "logits=$1$29"));
        assertFalse(Pattern.compile(wrong.get(1)).matcher(r.uartOutput()).find(), wrong.get(1));
    }

    @Test
    void streamFirmwarePrintsEveryExpectedWindowAndDetection() {
        streamFirmwareMatchesItsTwin(FE, "stream");
    }

    @Test
    void cmnStreamFirmwareNormalisesEachWindowAsItsJavaTwin() {
        // Rings of Q10 frames, each 250 ms window (two frame grids) normalised over its own frames on the
        // device: every window's logits and every detection equal StreamDetector's.
        FrontEndConfig cmn = FE.withNormalization(FrontEndConfig.Normalization.CMN);
        String main = streamFirmwareMatchesItsTwin(cmn, "stream-cmn");
        assertTrue(main.contains("pqk_model_window_features"), main);
    }

    /** Generates, builds and runs a stream firmware of a random model with front end {@code fe}; returns main.c. */
    private String streamFirmwareMatchesItsTwin(FrontEndConfig fe, String name) {
        Int8Model m = RandomModels.random(4000, fe.frames(), fe.featuresPerFrame(), 1, 12, fe);
        short[] audio = new short[16000 + 3 * 4000];
        Random rnd = new Random(2);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) (rnd.nextGaussian() * 4000);
        }
        Path dir = tmp.resolve(name);
        // A low threshold, so that the random model's windows produce detections to check.
        GenerateOptions o = GenerateOptions.of(dir).withBoard("qemu-mps2-an386")
                .withStream(new StreamInput(audio, new StreamConfig(4000, 1, 1, 1)));
        new ProjectGenerator().generate(m, o);
        ProjectBuild.Firmware fw = ProjectBuild.firmware(ProjectInfo.read(dir));
        QemuResult r = QemuRunner.run(fw.board(), fw.elf(), Duration.ofSeconds(60));
        assertTrue(r.succeeded(), r.summary());
        List<String> lines = expected(m, o, "qemu-mps2-an386");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("^PQK detection 0 ")), lines.toString());
        assertLinesInOrder(lines, r.uartOutput());
        assertTrue(r.uartOutput().contains("PQK RESULT PASS"), r.uartOutput());
        try {
            return Files.readString(dir.resolve("firmware/main.c"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void stm32f4DiscoveryFirmwareRunsOnQemusStm32f405AndPrintsTheRobotLines() {
        Board board = BoardCatalog.byId("stm32f4-discovery");
        Int8Model m = RandomModels.random(4000, FE.frames(), FE.featuresPerFrame(), 1, 12, FE);
        Path dir = tmp.resolve("f4");
        GenerateOptions o = GenerateOptions.of(dir).withBoard(board.id())
                .withTests(TestInputs.clips(List.of(new short[16000]), List.of(0)));
        new ProjectGenerator().generate(m, o);
        ProjectBuild.Firmware fw = ProjectBuild.firmware(ProjectInfo.read(dir));
        // The firmware halts instead of exiting, so QEMU runs until the timeout; the output is complete long before.
        List<String> cmd = new ArrayList<>(QemuRunner.command(BoardCatalog.byId("netduinoplus2"),
                Tool.QEMU_ARM.require(), fw.elf().toString()));
        int serial = cmd.indexOf("-serial");
        cmd.addAll(serial, List.of("-serial", "null")); // USART1 -> nowhere, USART2 -> stdout
        ProcessRunner.Result r = ProcessRunner.run(cmd, dir, Duration.ofSeconds(8));
        List<String> lines = expected(m, o, board.id());
        assertEquals("^PQK EXIT 0$", lines.get(lines.size() - 1));
        assertLinesInOrder(lines, r.stdout());
    }
}
