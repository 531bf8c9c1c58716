package io.pqkmcu.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KwsAugmentationTest {
    private static short[] ramp(int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) (i % 1000 + 1);
        }
        return s;
    }

    private static short[] noise(int n, int amplitude) {
        short[] s = new short[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            s[i] = (short) (r.nextInt(2 * amplitude + 1) - amplitude);
        }
        return s;
    }

    @Test
    void withoutNoiseAClipIsOnlyShiftedWithinTheLimit() {
        KwsAugmentation a = new KwsAugmentation(100, 1.0, 0.1, 1.0, true);
        short[] clip = ramp(16000);
        for (int seed = 0; seed < 20; seed++) {
            short[] out = a.apply(clip, false, List.of(), 16000, new SplittableRandom(seed));
            int shift = -1;
            for (int s = -1600; s <= 1600 && shift == -1; s++) {
                boolean match = true;
                for (int i = 0; i < out.length && match; i++) {
                    int src = i - s;
                    match = out[i] == (src >= 0 && src < clip.length ? clip[src] : 0);
                }
                if (match) {
                    shift = Math.abs(s);
                }
            }
            assertTrue(shift >= 0 && shift <= 1600, "seed " + seed + ": not a shift of at most 100 ms");
        }
    }

    @Test
    void silenceIsBackgroundAloneAtMostAtTheSilenceVolume() {
        KwsAugmentation a = new KwsAugmentation(100, 0.0, 0.1, 0.5, true);
        short[] bg = noise(48000, 10000);
        short[] clip = ramp(16000);
        boolean nonZero = false;
        for (int seed = 0; seed < 10; seed++) {
            short[] out = a.apply(clip, true, List.of(bg), 16000, new SplittableRandom(seed));
            for (short v : out) {
                assertTrue(Math.abs(v) <= 5001, "silence louder than volume 0.5 of the noise: " + v);
                nonZero |= v != 0;
            }
        }
        assertTrue(nonZero);
        assertArrayEquals(new short[16000], a.apply(clip, true, List.of(), 16000, new SplittableRandom(1)),
                "no background recordings: silence is zeros");
    }

    @Test
    void backgroundProbabilityZeroLeavesWordsClean() {
        KwsAugmentation a = new KwsAugmentation(0, 0.0, 0.1, 1.0, true);
        short[] clip = ramp(16000);
        assertArrayEquals(clip, a.apply(clip, false, List.of(noise(20000, 30000)), 16000, new SplittableRandom(5)));
    }

    @Test
    void theSameSeedGivesTheSameClipAndOthersDiffer() {
        KwsAugmentation a = KwsAugmentation.mlperf();
        List<short[]> bg = List.of(noise(40000, 20000), noise(30000, 5000));
        short[] clip = ramp(16000);
        assertArrayEquals(a.apply(clip, false, bg, 16000, new SplittableRandom(42)),
                a.apply(clip, false, bg, 16000, new SplittableRandom(42)));
        int differ = 0;
        for (int seed = 0; seed < 10; seed++) {
            if (!java.util.Arrays.equals(a.apply(clip, false, bg, 16000, new SplittableRandom(seed)),
                    a.apply(clip, false, bg, 16000, new SplittableRandom(seed + 100)))) {
                differ++;
            }
        }
        assertEquals(10, differ);
    }

    @Test
    void loudMixesSaturateInsteadOfWrapping() {
        KwsAugmentation a = new KwsAugmentation(0, 0.0, 0.1, 1.0, true);
        short[] full = new short[16000];
        java.util.Arrays.fill(full, Short.MAX_VALUE);
        short[] out = a.apply(new short[16000], true, List.of(full), 16000, new SplittableRandom(9));
        for (short v : out) {
            assertFalse(v < 0, "wrapped");
        }
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KwsAugmentation(-1, 0.8, 0.1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new KwsAugmentation(100, 1.5, 0.1, 1, true));
    }

    @Test
    void gainScalesTheClipWithinItsRangeAndZeroGainDrawsNothingExtra() {
        KwsAugmentation plain = new KwsAugmentation(0, 0.0, 0.1, 1.0, true);
        KwsAugmentation gained = plain.withGain(6);
        short[] clip = ramp(16000);
        boolean changed = false;
        for (int seed = 0; seed < 20; seed++) {
            short[] out = gained.apply(clip, false, List.of(), 16000, new SplittableRandom(seed));
            double g = (double) out[999] / clip[999]; // sample value 1000: the largest of the ramp
            assertTrue(g >= Math.pow(10, -6 / 20.0) - 0.01 && g <= Math.pow(10, 6 / 20.0) + 0.01, "gain " + g);
            changed |= Math.abs(g - 1) > 0.05;
        }
        assertTrue(changed, "some clips got louder or quieter");
        // without gain the draws (and so the examples) are those of plain MLPerf augmentation
        assertArrayEquals(plain.apply(clip, false, List.of(), 16000, new SplittableRandom(4)),
                plain.withGain(0).apply(clip, false, List.of(), 16000, new SplittableRandom(4)));
    }

    @Test
    void masksSetWholeFrameAndCoefficientRunsToTheZeroPointWithinTheirWidths() {
        KwsAugmentation a = KwsAugmentation.mlperf().withMasks(2, 5, 1, 3);
        int frames = 49;
        int coefficients = 10;
        boolean sawTime = false;
        boolean sawFreq = false;
        for (int seed = 0; seed < 30; seed++) {
            byte[] f = new byte[frames * coefficients];
            java.util.Arrays.fill(f, (byte) 77);
            a.mask(f, frames, coefficients, (byte) -3, new SplittableRandom(seed));
            int maskedFrames = 0;
            for (int t = 0; t < frames; t++) {
                boolean all = true;
                for (int c = 0; c < coefficients; c++) {
                    all &= f[t * coefficients + c] == -3;
                }
                maskedFrames += all ? 1 : 0;
            }
            int maskedColumns = 0;
            for (int c = 0; c < coefficients; c++) {
                boolean all = true;
                for (int t = 0; t < frames; t++) {
                    all &= f[t * coefficients + c] == -3;
                }
                maskedColumns += all ? 1 : 0;
            }
            for (byte b : f) {
                assertTrue(b == 77 || b == -3);
            }
            assertTrue(maskedFrames <= 10, "two time masks of at most 5 frames: " + maskedFrames);
            assertTrue(maskedColumns <= 3 || maskedFrames == frames, "one frequency mask of at most 3: " + maskedColumns);
            sawTime |= maskedFrames > 0;
            sawFreq |= maskedColumns > 0;
            byte[] again = new byte[f.length];
            java.util.Arrays.fill(again, (byte) 77);
            a.mask(again, frames, coefficients, (byte) -3, new SplittableRandom(seed));
            assertArrayEquals(f, again, "deterministic for a seed");
        }
        assertTrue(sawTime && sawFreq);
    }

    @Test
    void randomEqualisationColoursTheClipWithinItsRangeAndLeavesOtherDrawsAlone() {
        KwsAugmentation plain = new KwsAugmentation(0, 0.0, 0.1, 1.0, true);
        short[] clip = new short[16000];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (short) Math.round(4000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        double maxGainDb = 0;
        for (int seed = 0; seed < 30; seed++) {
            short[] out = plain.withEq(6).apply(clip, false, List.of(), 16000, new SplittableRandom(seed));
            int peak = 0;
            for (int i = 8000; i < 16000; i++) {
                peak = Math.max(peak, Math.abs(out[i]));
            }
            double db = 20 * Math.log10(peak / 4000.0);
            assertTrue(Math.abs(db) <= 2 * 6 + 0.5, "two bands of at most 6 dB each, got " + db);
            maxGainDb = Math.max(maxGainDb, Math.abs(db));
        }
        assertTrue(maxGainDb > 1, "the equaliser must colour some clips, largest change " + maxGainDb + " dB");
        assertThrows(IllegalArgumentException.class, () -> plain.withEq(30));
    }
}
