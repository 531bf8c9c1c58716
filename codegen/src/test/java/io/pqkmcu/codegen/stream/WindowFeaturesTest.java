package io.pqkmcu.codegen.stream;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Frame reuse in streams gives every window exactly the features of the window computed on its own. */
class WindowFeaturesTest {
    private static final FrontEndConfig FE = FrontEndConfig.mfccDefault();

    /** Noise whose loudness changes every 1000 samples, so neighbouring frames normalise differently. */
    private static short[] audio(int samples, long seed) {
        Random r = new Random(seed);
        short[] a = new short[samples];
        double level = 1000;
        for (int i = 0; i < samples; i++) {
            if (i % 1000 == 0) {
                level = Math.pow(10, r.nextDouble() * 4);
            }
            a[i] = (short) Math.max(-32768, Math.min(32767, Math.round(r.nextGaussian() * level)));
        }
        return a;
    }

    @Test
    void everyWindowEqualsItsOwnFrontEndRunForAlignedHalfAlignedAndUnalignedHops() {
        everyWindowEqualsItsOwnFrontEndRun(FE);
    }

    @Test
    void withCmnEveryWindowIsNormalisedOverItsOwnFrames() {
        // The rings keep Q10 frames and each window is normalised over its own 49 frames: the same as a
        // front-end run on the window alone, MFCC and log-mel.
        everyWindowEqualsItsOwnFrontEndRun(FE.withNormalization(FrontEndConfig.Normalization.CMN));
        everyWindowEqualsItsOwnFrontEndRun(FrontEndConfig.logMelDefault().withNormalization(FrontEndConfig.Normalization.CMN));
        assertEquals(4 * 1960, FrameReuse.of(FE.withNormalization(FrontEndConfig.Normalization.CMN), 4000).ringBytes());
    }

    private static void everyWindowEqualsItsOwnFrontEndRun(FrontEndConfig config) {
        Int8Model m = RandomModels.random(4000, config.frames(), config.featuresPerFrame(), 1, 12, config);
        AudioFrontEnd fe = new AudioFrontEnd(config);
        // 250 ms (two grids), 240 ms (one), 230 ms (two), 255 ms (four grids that share nothing: no reuse),
        // 20 ms (one grid, one frame per window), 100 ms.
        for (int hop : new int[] {4000, 3840, 3680, 4080, 320, 1600}) {
            short[] audio = audio(16000 + 9 * hop + 77, hop);
            WindowFeatures w = new WindowFeatures(m, hop, audio);
            int windows = StreamDetector.windowCount(audio.length, 16000, hop);
            for (int k = 0; k < windows; k++) {
                short[] own = Arrays.copyOfRange(audio, k * hop, k * hop + 16000);
                assertArrayEquals(fe.features(own, m.input().scale(), m.input().zeroPoint()), w.window(k),
                        "hop " + hop + ", window " + k);
            }
            FrameReuse reuse = FrameReuse.of(config, hop);
            int warm = reuse.phases() == 0 ? 49 * windows : 49 * Math.min(windows, reuse.phases())
                    + (windows - Math.min(windows, reuse.phases())) * reuse.framesPerWindow();
            assertEquals(warm, w.computedFrames(), "frames computed with hop " + hop);
        }
    }

    @Test
    void gridsFollowFromTheHopAndTheStride() {
        assertEquals(2, FrameReuse.of(FE, 4000).phases());
        assertEquals(25, FrameReuse.of(FE, 4000).framesPerWindow());
        assertEquals(1, FrameReuse.of(FE, 3840).phases());
        assertEquals(12, FrameReuse.of(FE, 3840).framesPerWindow());
        assertEquals(0, FrameReuse.of(FE, 4080).phases()); // four grids 1020 ms apart: nothing shared
        assertEquals(49, FrameReuse.of(FE, 4080).framesPerWindow());
        assertEquals(0, FrameReuse.of(FE, 1).phases()); // 320 grids: too much RAM
        assertEquals(1960, FrameReuse.of(FE, 4000).ringBytes());
        assertEquals(160, FrameReuse.of(FE, 4000).offset(1));
        assertEquals(12, FrameReuse.of(FE, 4000).firstFrame(1));
    }
}
