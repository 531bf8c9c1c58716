package io.pqkmcu.tests;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.HostRun;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The central promise: Java int8 interpreter == the generated C on the host (through the generated JNA
 * binding) == the same C cross-compiled and run on every emulated board, logit for logit.
 */
class ThreeWayBitExactnessTest {
    @TempDir
    Path tmp;

    @Test
    void randomGraphsAgreeOnEveryQemuBoardInBothTableFormats() {
        int run = 0;
        for (Board board : BoardCatalog.all()) {
            if (!board.runsInQemu()) {
                continue;
            }
            for (FormatPolicy policy : List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)) {
                Int8Model m = RandomModels.random(3000 + run);
                List<byte[]> inputs = HostBitExactnessTest.inputs(m, run);
                Path dir = tmp.resolve(board.id() + "-" + policy);
                new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(board.id()).withPolicy(policy)
                        .withTestVectors(inputs));
                ProjectInfo info = ProjectInfo.read(dir);
                Int8Interpreter java = new Int8Interpreter(m);
                DeviceRunResult device = DeviceRun.run(info);
                assertTrue(device.firmwarePassed(), board.id() + " " + policy + " firmware reported a mismatch");
                assertEquals(inputs.size(), device.vectors().size());
                try (HostRun host = HostRun.open(info, tmp.resolve("classes-" + run))) {
                    for (VectorResult v : device.vectors()) {
                        byte[] expected = java.run(inputs.get(v.index()));
                        String where = board.id() + " " + policy + " model " + m.name() + " input " + v.index();
                        assertArrayEquals(expected, host.invoke(inputs.get(v.index())), "host, " + where);
                        assertArrayEquals(expected, v.logits(), "device, " + where);
                    }
                }
                run++;
            }
        }
        assertTrue(run >= 8, "expected at least four QEMU boards, ran " + run / 2);
    }

    @Test
    void keywordSpottingModelOnAudioAgreesThroughTheFrontEnd() {
        agreesThroughTheFrontEnd(FrontEndConfig.mfccDefault(), "kws");
    }

    @Test
    void keywordSpottingModelWithCepstralMeanNormalisationAgreesThroughTheFrontEnd() {
        // pqk_frontend_run's CMN path (the clip's Q10 features kept in the arena scratch, then normalised).
        agreesThroughTheFrontEnd(FrontEndConfig.mfccDefault().withNormalization(FrontEndConfig.Normalization.CMN), "kws-cmn");
    }

    private void agreesThroughTheFrontEnd(FrontEndConfig fe, String name) {
        Int8Model m = RandomModels.random(4000, fe.frames(), fe.featuresPerFrame(), 1, 12, fe);
        List<short[]> clips = edgeCaseClips(fe.clipSamples(), 12);
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            labels.add(i % 12);
        }
        Path dir = tmp.resolve(name);
        new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard("qemu-mps2-an386").withTestClips(clips, labels));
        ProjectInfo info = ProjectInfo.read(dir);
        AudioFrontEnd javaFrontEnd = new AudioFrontEnd(fe);
        Int8Interpreter java = new Int8Interpreter(m);
        // Run in two chunks to exercise swapping the test data of an existing project.
        DeviceRunResult device = DeviceRun.runAll(info, m, TestInputs.clips(clips, labels), 7);
        assertEquals(2, device.chunks());
        assertTrue(device.firmwarePassed());
        try (HostRun host = HostRun.open(info, tmp.resolve("classes-" + name))) {
            for (VectorResult v : device.vectors()) {
                short[] clip = clips.get(v.index());
                byte[] features = javaFrontEnd.features(clip, m.input().scale(), m.input().zeroPoint());
                byte[] expected = java.run(features);
                assertArrayEquals(features, host.features(clip), "host front end, clip " + v.index());
                assertArrayEquals(expected, host.classify(clip), "host, clip " + v.index());
                assertArrayEquals(expected, v.logits(), "device, clip " + v.index());
                assertEquals(labels.get(v.index()).intValue(), v.label());
                assertTrue(v.frontEndInstructions() > 0 && v.modelInstructions() > 0);
            }
        }
    }

    /** Silence, DC, full-scale clipping, noise and tones: the cases where fixed-point code breaks first. */
    static List<short[]> edgeCaseClips(int n, int count) {
        Random r = new Random(11);
        List<short[]> clips = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            short[] s = new short[n];
            for (int i = 0; i < n; i++) {
                double v;
                switch (c % 6) {
                    case 0: v = 0; break;
                    case 1: v = c < 6 ? 12000 : -12000; break;
                    case 2: v = (i / 40) % 2 == 0 ? 32767 : -32768; break;
                    case 3: v = r.nextGaussian() * (c < 6 ? 200 : 9000); break;
                    case 4: v = 30000 * Math.sin(2 * Math.PI * 440 * i / 16000.0) * (c < 6 ? 1.5 : 0.05); break;
                    default: v = 8000 * Math.sin(2 * Math.PI * (100 + 3000.0 * i / n) * i / 16000.0) + r.nextGaussian() * 500;
                }
                s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            }
            clips.add(s);
        }
        return clips;
    }
}
