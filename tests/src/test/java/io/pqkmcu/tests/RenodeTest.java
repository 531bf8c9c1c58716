package io.pqkmcu.tests;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.renode.RenodeRunner;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.frontend.FrontEndConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `pqk simulate --emulator renode` on every board Renode emulates: the generated Robot test must pass under
 * renode-test. Renode is in no registry this machine can install from, so without it these tests are skipped
 * with the reason (JUnit prints it), and the CLI's own message is checked instead.
 */
class RenodeTest {
    @TempDir
    Path tmp;

    static Stream<Board> renodeBoards() {
        return BoardCatalog.all().stream().filter(Board::runsInRenode);
    }

    private Path project(String board) throws Exception {
        Path model = tmp.resolve("m.pqkm");
        if (!Files.exists(model)) {
            ModelFile.write(RandomModels.random(5101), model);
        }
        Path dir = tmp.resolve(board);
        CliRun g = CliRun.of("generate", model.toString(), "--board", board, "--out", dir.toString());
        assertEquals(0, g.exitCode(), g.err());
        assertEquals(BoardCatalog.byId(board).runsInRenode(), Files.isRegularFile(dir.resolve("renode/firmware.robot")));
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renodeBoards")
    void robotTestPassesUnderRenode(Board board) throws Exception {
        Path dir = project(board.id());
        assumeTrue(RenodeRunner.available(), RenodeRunner.unavailableReason());
        CliRun r = CliRun.of("simulate", dir.toString(), "--emulator", "renode", "--timeout", "600");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("PASS on " + board.id() + " in Renode"), r.out());
        // The console log is reported as under QEMU, with instruction counts (Renode's fixed instruction rate).
        assertTrue(r.out().contains("PASS on " + board.id() + ": 2/2 bit-exact with the Java int8 reference; median "
                + "instructions: front end "), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("build/renode/log.html")), "Robot's log in the project");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renodeBoards")
    void streamFirmwarePassesUnderRenode(Board board) throws Exception {
        assumeTrue(RenodeRunner.available(), RenodeRunner.unavailableReason());
        Path model = tmp.resolve("kws.pqkm");
        FrontEndConfig fe = FrontEndConfig.mfccDefault();
        ModelFile.write(RandomModels.random(4000, fe.frames(), fe.featuresPerFrame(), 1, 12, fe), model);
        // Two seconds of noise: five 250 ms hops, small enough for the 192 KB of the STM32L072's flash.
        short[] audio = new short[32000];
        Random rnd = new Random(3);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) (rnd.nextGaussian() * 3000);
        }
        Path wav = tmp.resolve("noise.wav");
        WavFile.write(wav, audio, 16000);
        Path dir = tmp.resolve(board.id() + "-stream");
        CliRun g = CliRun.of("generate", model.toString(), "--board", board.id(), "--stream", wav.toString(),
                "--threshold", "0.1", "--out", dir.toString());
        assertEquals(0, g.exitCode(), g.err());
        CliRun r = CliRun.of("simulate", dir.toString(), "--emulator", "renode", "--timeout", "600");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("windows bit-exact with the Java int8 reference, detections equal to the Java "
                + "twin's"), r.out());
        assertTrue(r.out().contains("PASS on " + board.id() + " in Renode"), r.out());
    }

    @Test
    void withoutRenodeSimulateSaysSoAndWhereTheTestIs() throws Exception {
        assumeFalse(RenodeRunner.available(), "renode-test is installed; the message for its absence cannot be seen");
        Path dir = project("nrf52840-dk");
        CliRun r = CliRun.of("simulate", dir.toString(), "--emulator", "renode");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("renode-test is not on PATH"), r.err());
        assertTrue(r.err().contains(dir.resolve("renode/firmware.robot").toString()), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void qemuOnlyBoardsAreRefusedForRenodeAndRenodeOnlyBoardsForQemu() throws Exception {
        CliRun r = CliRun.of("simulate", project("qemu-mps2-an386").toString(), "--emulator", "renode");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("has no Renode platform; boards Renode runs: "), r.err());
        CliRun q = CliRun.of("simulate", project("stm32f746g-disco").toString());
        assertEquals(1, q.exitCode());
        assertTrue(q.err().contains("is not emulated by QEMU; run it with --emulator renode"), q.err());
    }
}
