package io.pqkmcu.codegen.stream;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.FrontEndConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamDetectorTest {
    private static final FrontEndConfig FE = FrontEndConfig.mfccDefault();

    /** A KWS-shaped random model whose labels are Speech Commands' twelve. */
    private static Int8Model model() {
        Int8Model m = RandomModels.random(4000, FE.frames(), FE.featuresPerFrame(), 1, 12, FE);
        List<String> labels = List.of("_silence_", "_unknown_", "yes", "no", "up", "down", "left", "right", "on", "off",
                "stop", "go");
        return new Int8Model(m.name(), labels, m.frontEnd(), m.tensors(), m.ops(), m.inputId(), m.outputId(), m.metadata());
    }

    private static byte[] logits(int hot, int value) {
        byte[] l = new byte[12];
        java.util.Arrays.fill(l, (byte) -128);
        l[hot] = (byte) value;
        return l;
    }

    @Test
    void posteriorsAreAQ15SoftmaxOfTheLogits() {
        PosteriorTable t = PosteriorTable.forScale(0.1);
        assertEquals(32768, t.values()[0]);
        assertEquals(Math.round(32768 * Math.exp(-0.1 * 10)), t.values()[10]);
        int[] p = t.posteriors(new byte[] {10, 0, -128});
        double z = 1 + Math.exp(-1) + Math.exp(-13.8);
        assertEquals(32768 / z, p[0], 1.0);
        assertEquals(32768 * Math.exp(-1) / z, p[1], 1.0);
        assertTrue(p[0] + p[1] + p[2] <= 32768);
    }

    @Test
    void aKeywordHeldOverTheThresholdIsDetectedOnceThenTheRefractoryPeriodHolds() {
        Int8Model m = model();
        int hot = PosteriorTable.forScale(m.output().scale()).posteriors(logits(2, 127))[2];
        // Threshold 3/4 of a clear window's posterior: two-window smoothing crosses it on the second "yes" window.
        StreamDetector d = new StreamDetector(m, new StreamConfig(4000, 2, hot * 3 / 4, 4));
        List<Integer> detected = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            Optional<Detection> det = d.push(k < 2 ? logits(0, 127) : logits(2, 127)); // silence, then "yes"
            det.ifPresent(x -> {
                detected.add(x.window());
                detections.add(x);
            });
        }
        assertEquals(List.of(3, 7), detected, "first on the second yes window, then again after 4 windows");
        Detection first = detections.get(0);
        assertEquals(2, first.label());
        assertEquals(hot, first.score());
        assertEquals((3 * 4000L + 16000) * 1000 / 16000, first.timeMs());
    }

    @Test
    void silenceAndUnknownAreNeverDetected() {
        StreamDetector d = new StreamDetector(model(), new StreamConfig(4000, 1, 1000, 1));
        for (int k = 0; k < 5; k++) {
            assertFalse(d.push(logits(k % 2, 127)).isPresent(), "window " + k);
        }
        assertTrue(d.push(logits(11, 127)).isPresent());
    }

    @Test
    void belowTheThresholdNothingIsDetected() {
        StreamDetector d = new StreamDetector(model(), new StreamConfig(4000, 1, 32768, 1));
        byte[] twoWay = logits(2, 127);
        twoWay[3] = 127; // yes and no tie: each ~0.5
        for (int k = 0; k < 4; k++) {
            assertFalse(d.push(twoWay).isPresent());
        }
    }

    @Test
    void windowsAreWholeHopsThatFitTheStream() {
        assertEquals(0, StreamDetector.windowCount(15999, 16000, 4000));
        assertEquals(1, StreamDetector.windowCount(16000, 16000, 4000));
        assertEquals(1, StreamDetector.windowCount(19999, 16000, 4000));
        assertEquals(2, StreamDetector.windowCount(20000, 16000, 4000));
    }

    @Test
    void settingsAreCheckedAndConvertedFromMilliseconds() {
        StreamConfig c = StreamConfig.of(16000, 250, 3, 0.6, 1000);
        assertEquals(new StreamConfig(4000, 3, 19661, 4), c);
        assertEquals(1, StreamConfig.of(16000, 250, 1, 0.5, 0).refractoryWindows());
        assertThrows(IllegalArgumentException.class, () -> StreamConfig.of(16000, 250, 3, 1.5, 1000));
        assertThrows(IllegalArgumentException.class, () -> StreamConfig.of(16000, 0, 3, 0.5, 1000));
        assertThrows(IllegalArgumentException.class, () -> new StreamConfig(4000, 17, 100, 1));
    }

    @Test
    void runSlidesTheWindowThroughTheJavaFrontEndAndInterpreter() {
        Int8Model m = model();
        short[] audio = new short[16000 + 3 * 4000 + 100];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) (r.nextGaussian() * 3000);
        }
        StreamDetector.Result res = StreamDetector.run(m, StreamConfig.defaults(16000), audio);
        assertEquals(4, res.windowLogits().size());
        var fe = new io.pqkmcu.model.frontend.AudioFrontEnd(FE);
        var interp = new io.pqkmcu.model.interp.Int8Interpreter(m);
        short[] third = java.util.Arrays.copyOfRange(audio, 8000, 24000);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                interp.run(fe.features(third, m.input().scale(), m.input().zeroPoint())), res.windowLogits().get(2));
    }

    @Test
    void withCmnEachWindowIsTheModelOnItsOwnNormalisedFeatures() {
        FrontEndConfig cmn = FE.withNormalization(FrontEndConfig.Normalization.CMN);
        Int8Model m = RandomModels.random(4000, cmn.frames(), cmn.featuresPerFrame(), 1, 12, cmn);
        short[] audio = new short[16000 + 5 * 4000];
        java.util.Random r = new java.util.Random(6);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) (r.nextGaussian() * (300 + 40 * (i / 4000)));
        }
        StreamDetector.Result res = StreamDetector.run(m, StreamConfig.defaults(16000), audio);
        assertEquals(6, res.windowLogits().size());
        var fe = new io.pqkmcu.model.frontend.AudioFrontEnd(cmn);
        var interp = new io.pqkmcu.model.interp.Int8Interpreter(m);
        for (int k = 0; k < 6; k++) {
            short[] own = java.util.Arrays.copyOfRange(audio, k * 4000, k * 4000 + 16000);
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    interp.run(fe.features(own, m.input().scale(), m.input().zeroPoint())), res.windowLogits().get(k),
                    "window " + k);
        }
    }

    @Test
    void modelsWithoutFrontEndOrKeywordsAreRefused() {
        Int8Model image = RandomModels.random(7);
        assertThrows(IllegalArgumentException.class, () -> new StreamDetector(image, StreamConfig.defaults(16000)));
        assertThrows(IllegalArgumentException.class, () -> StreamDetector.keywordMask(List.of("_silence_", "_unknown_")));
    }
}
