package io.pqkmcu.model.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {
    private static short[] sine(int rate, double hz, double amplitude, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    @Test
    void lengthIsCeilOfRatio() {
        Resampler r = new Resampler(22050, 16000);
        assertEquals(16000, r.outputLength(22050));
        assertEquals(1, r.outputLength(1));
        assertEquals(0, r.outputLength(0));
        assertEquals(726, r.outputLength(1000)); // ceil(1000 × 320 / 441) = ceil(725.6)
    }

    @Test
    void keepsAnInBandToneAndItsLevel() {
        Resampler r = new Resampler(22050, 16000);
        short[] out = r.resample(sine(22050, 1000, 10000, 22050));
        short[] expected = sine(16000, 1000, 10000, 16000);
        // away from the edges, where the filter sees zeros, the result is the ideal tone within a few LSB
        int worst = 0;
        for (int i = 100; i < 15900; i++) {
            worst = Math.max(worst, Math.abs(out[i] - expected[i]));
        }
        assertTrue(worst <= 4, "max error " + worst);
    }

    @Test
    void removesToneAboveTheNewNyquist() {
        // 10 kHz is representable at 22.05 kHz but would alias to 6 kHz at 16 kHz
        short[] out = new Resampler(22050, 16000).resample(sine(22050, 10000, 20000, 22050));
        double rms = Pcm.rms(out, 100, out.length - 100);
        assertTrue(rms < 20000 / Math.sqrt(2) * 1e-3, "alias rms " + rms); // at least 60 dB down
    }

    @Test
    void dcPassesUnchangedAndFullScaleSaturates() {
        short[] dc = new short[2000];
        java.util.Arrays.fill(dc, (short) 1234);
        short[] out = new Resampler(22050, 16000).resample(dc);
        for (int i = 50; i < out.length - 50; i++) {
            assertEquals(1234, out[i]);
        }
        // a full-scale step overshoots on both sides (Gibbs); the overshoot must clip, not wrap to the other sign
        short[] step = new short[2205];
        for (int i = 0; i < step.length; i++) {
            step[i] = i < 1102 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] q = new Resampler(22050, 16000).resample(step);
        boolean clippedHigh = false;
        for (int n = 50; n < q.length - 50; n++) {
            double t = n * 22050.0 / 16000; // input time of output sample n
            if (t < 1098) {
                assertTrue(q[n] > 0, "wrap-around at " + n);
                clippedHigh |= q[n] == Short.MAX_VALUE;
            } else if (t > 1105) {
                assertTrue(q[n] < 0, "wrap-around at " + n);
            }
        }
        assertTrue(clippedHigh, "the overshoot should have been clipped to 32767");
    }

    @Test
    void sameRateIsACopyAndUpsamplingWorks() {
        short[] s = sine(16000, 440, 5000, 1600);
        assertArrayEquals(s, new Resampler(16000, 16000).resample(s));
        short[] up = new Resampler(16000, 48000).resample(s);
        assertEquals(4800, up.length);
        for (int i = 300; i < 4500; i += 3) {
            assertTrue(Math.abs(up[i] - s[i / 3]) <= 4, "sample " + i);
        }
    }

    @Test
    void isDeterministic() {
        short[] s = sine(22050, 3000, 8000, 5000);
        assertArrayEquals(new Resampler(22050, 16000).resample(s), new Resampler(22050, 16000).resample(s));
    }

    @Test
    void rejectsBadRates() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(1_000_003, 999_983));
    }
}
