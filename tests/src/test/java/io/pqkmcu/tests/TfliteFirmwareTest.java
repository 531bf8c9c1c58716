package io.pqkmcu.tests;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.HostRun;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.fit.BoardFitException;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.tflite.SharedOracle;
import io.pqkmcu.model.tflite.TfliteImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imported MLPerf Tiny models through the firmware path: the generated C, on the host through JNA (dense and
 * sparse tables) and on QEMU boards, must give TFLite Micro's own output bytes (the oracle), not only the Java
 * interpreter's.
 */
class TfliteFirmwareTest {
    @TempDir
    Path tmp;

    static List<String> models() {
        return SharedOracle.INT8_MODELS;
    }

    private static List<byte[]> inputs(String name, int count) {
        List<byte[]> in = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            in.add(SharedOracle.read(SharedOracle.oracle(name).resolve("in_" + k + ".bin")));
        }
        return in;
    }

    private static byte[] expected(String name, int k) {
        return SharedOracle.read(SharedOracle.oracle(name).resolve("out_" + k + ".bin"));
    }

    /** Every oracle input on the host C (both table formats) and on the Cortex-M4 QEMU board. */
    @ParameterizedTest
    @MethodSource("models")
    void hostAndCortexM4GiveTfliteMicroBytes(String name) {
        Int8Model m = TfliteImporter.read(SharedOracle.model(name), name, null);
        int cases = SharedOracle.cases(name);
        assertEquals(12, cases);
        for (FormatPolicy policy : List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)) {
            Path dir = tmp.resolve(name + "-host-" + policy);
            new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(GenerateOptions.HOST).withPolicy(policy));
            try (HostRun host = HostRun.open(ProjectInfo.read(dir), tmp.resolve("classes-" + policy))) {
                for (int k = 0; k < cases; k++) {
                    assertArrayEquals(expected(name, k), host.invoke(inputs(name, cases).get(k)),
                            name + " host " + policy + " case " + k);
                }
            }
        }
        // The 96x96 VWW network costs the most instructions per inference in QEMU; a few of its inputs suffice there.
        int onBoard = name.startsWith("vww") ? 3 : cases;
        List<byte[]> in = inputs(name, onBoard);
        Path dir = tmp.resolve(name + "-m4");
        new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard("qemu-mps2-an386").withTestVectors(in));
        DeviceRunResult device = DeviceRun.run(ProjectInfo.read(dir));
        assertTrue(device.firmwarePassed(), name + ": firmware reported a mismatch with the Java reference");
        assertEquals(onBoard, device.vectors().size());
        for (VectorResult v : device.vectors()) {
            assertArrayEquals(expected(name, v.index()), v.logits(), name + " on qemu-mps2-an386, case " + v.index());
        }
    }

    /** KWS and the FC autoencoder on every QEMU board. */
    @Test
    void kwsAndAutoencoderOnEveryQemuBoard() {
        int boards = 0;
        List<String> refused = new ArrayList<>();
        for (Board board : BoardCatalog.all()) {
            if (!board.runsInQemu()) {
                continue;
            }
            for (String name : List.of("kws_ref_model", "ad01_int8")) {
                Int8Model m = TfliteImporter.read(SharedOracle.model(name), name, null);
                int[] cases = {0, 5, 9};
                List<byte[]> in = new ArrayList<>();
                for (int k : cases) {
                    in.add(inputs(name, k + 1).get(k));
                }
                Path dir = tmp.resolve(name + "-" + board.id());
                try {
                    new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(board.id()).withTestVectors(in));
                } catch (BoardFitException e) {
                    // a board too small for the model (the autoencoder's 270 KB on the micro:bit's 256 KB) is
                    // refused by the fit check, with by how much, and nothing is written
                    assertTrue(e.getMessage().contains("does not fit board '" + board.id() + "'")
                            && e.getMessage().contains(" over"), e.getMessage());
                    assertFalse(Files.exists(dir), dir + " written although the model does not fit");
                    refused.add(name + " on " + board.id());
                    continue;
                }
                DeviceRunResult device = DeviceRun.run(ProjectInfo.read(dir));
                assertTrue(device.firmwarePassed(), name + " on " + board.id() + ": firmware reported a mismatch");
                assertEquals(cases.length, device.vectors().size());
                for (VectorResult v : device.vectors()) {
                    assertArrayEquals(expected(name, cases[v.index()]), v.logits(),
                            name + " on " + board.id() + ", case " + cases[v.index()]);
                }
            }
            boards++;
        }
        assertTrue(boards >= 4, "expected at least four QEMU boards, ran " + boards);
        // only the 16 KB-RAM, 256 KB-flash Cortex-M0 may refuse them; every larger QEMU board runs both
        assertTrue(refused.stream().allMatch(r -> r.endsWith(" on bbc-microbit")), refused.toString());
    }
}
