package io.pqkmcu.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedPerturbationTest {
    private static short[] tone(double hz, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        return s;
    }

    /** Frequency from the rising zero crossings in the middle half, where no edge effect reaches. */
    private static double frequency(short[] s) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = s.length / 4; i < 3 * s.length / 4; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings * 16000.0 / (last - first);
    }

    @Test
    void aSlowerClipIsLowerByTheSameFactorAndKeepsItsLength() {
        short[] clip = tone(1000, 16000);
        for (int k : new int[] {-16, -8, 8, 16}) {
            short[] out = SpeedPerturbation.apply(clip, 16000, k);
            assertEquals(clip.length, out.length);
            double expected = 1000.0 * SpeedPerturbation.STEPS_PER_RATE / (SpeedPerturbation.STEPS_PER_RATE + k);
            assertEquals(expected, frequency(out), 2.0, "step " + k);
        }
    }

    @Test
    void theBandTheFrontEndReadsKeepsItsLevel() {
        // 3.5 kHz sped up by 10 % is 3.9 kHz: still inside the 32-tap filter's flat band
        short[] out = SpeedPerturbation.apply(tone(3500, 16000), 16000, -16);
        int peak = 0;
        for (int i = 4000; i < 12000; i++) {
            peak = Math.max(peak, Math.abs(out[i]));
        }
        assertTrue(peak > 7600 && peak < 8400, "peak " + peak);
    }

    @Test
    void stepZeroIsTheClipAndEveryStepIsDeterministic() {
        short[] clip = tone(440, 16000);
        assertArrayEquals(clip, SpeedPerturbation.apply(clip, 16000, 0));
        assertArrayEquals(SpeedPerturbation.apply(clip, 16000, 5), SpeedPerturbation.apply(clip, 16000, 5));
    }

    @Test
    void theWordStaysCentred() {
        short[] clip = new short[16000];
        for (int i = 7900; i < 8100; i++) {
            clip[i] = 10000;
        }
        short[] out = SpeedPerturbation.apply(clip, 16000, 16);
        long sum = 0;
        long weighted = 0;
        for (int i = 0; i < out.length; i++) {
            sum += out[i];
            weighted += (long) i * out[i];
        }
        assertEquals(8000, (double) weighted / sum, 20);
    }

    @Test
    void unsupportedRatesAndStepsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SpeedPerturbation.apply(new short[10], 22050, 3));
        assertThrows(IllegalArgumentException.class, () -> SpeedPerturbation.apply(new short[10], 16000, -80));
        assertThrows(IllegalArgumentException.class, () -> new KwsAugmentation(0, 0, 0.1, 1, true).withSpeed(0.5));
    }

    @Test
    void augmentationWithSpeedChangesClipsButNotTheOtherDraws() {
        KwsAugmentation plain = new KwsAugmentation(0, 0.0, 0.1, 1.0, true);
        short[] clip = tone(700, 16000);
        boolean changed = false;
        for (int seed = 0; seed < 8; seed++) {
            short[] a = plain.apply(clip, false, List.of(), 16000, new SplittableRandom(seed));
            short[] b = plain.withSpeed(0.1).apply(clip, false, List.of(), 16000, new SplittableRandom(seed));
            assertArrayEquals(clip, a, "no shift, no noise: the clip itself");
            changed |= !java.util.Arrays.equals(a, b);
        }
        assertTrue(changed, "±10 % speed must change some clips");
        assertNotEquals(0, SpeedPerturbation.maxStep(0.1));
        assertEquals(16, SpeedPerturbation.maxStep(0.1));
    }
}
