package io.pqkmcu.tests;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.boards.Core;
import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.HostRun;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smallest core: the trained demo model (fixture kws-demo.pqkm) with its integer front end on the BBC
 * micro:bit (nRF51822, Cortex-M0, ARMv6-M, 16 KB RAM), emulated by QEMU's microbit machine. The 80 %-sparse
 * DS-CNN's arena and the stack must fit the 16 KB, and the Thumb-1 build of the plain-C kernels must
 * compute exactly what the Java reference and the host build compute.
 */
class CortexM0Test {
    @TempDir
    Path tmp;

    @Test
    void theDemoModelRunsBitExactOnTheMicrobit() throws Exception {
        Board board = BoardCatalog.byId("bbc-microbit");
        assertEquals(Core.CORTEX_M0, board.target().core());
        assertTrue(board.runsInQemu());
        Path modelFile = tmp.resolve("kws.pqkm");
        try (InputStream in = CortexM0Test.class.getResourceAsStream("kws-demo.pqkm")) {
            Files.copy(in, modelFile);
        }
        Int8Model m = ModelFile.read(modelFile);
        // Silence, DC, clipping, noise, a tone and a sweep: three clips fit the 256 KB flash beside the firmware.
        List<short[]> clips = ThreeWayBitExactnessTest.edgeCaseClips(m.frontEnd().clipSamples(), 6).subList(2, 5);
        List<Integer> labels = new ArrayList<>(List.of(0, 1, 2));
        Path dir = tmp.resolve("microbit");
        new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(board.id()).withTestClips(clips, labels));
        ProjectInfo info = ProjectInfo.read(dir);
        DeviceRunResult device = DeviceRun.run(info);
        assertTrue(device.firmwarePassed(), "the micro:bit firmware reported a mismatch with its expected logits");
        assertEquals(clips.size(), device.vectors().size());
        AudioFrontEnd frontEnd = new AudioFrontEnd(m.frontEnd());
        Int8Interpreter java = new Int8Interpreter(m);
        try (HostRun host = HostRun.open(info, tmp.resolve("classes"))) {
            for (VectorResult v : device.vectors()) {
                short[] clip = clips.get(v.index());
                byte[] expected = java.run(frontEnd.features(clip, m.input().scale(), m.input().zeroPoint()));
                assertArrayEquals(expected, host.classify(clip), "host, clip " + v.index());
                assertArrayEquals(expected, v.logits(), "micro:bit, clip " + v.index());
                assertTrue(v.frontEndInstructions() > 0 && v.modelInstructions() > 0,
                        "the SysTick instruction counter must run on QEMU's Cortex-M0");
            }
        }
    }
}
