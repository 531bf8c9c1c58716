package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseGeneratorTest {
    private static final int RATE = 16000;

    private static short[] make(NoiseGenerator.Kind kind) {
        return NoiseGenerator.generate(kind, new Random(42), RATE, 2 * RATE);
    }

    /** Mean power of the DFT bins in [lo, hi) Hz over 1024-sample frames: a coarse spectrum probe. */
    private static double bandPower(short[] x, double lo, double hi) {
        int n = 1024;
        double sum = 0;
        int count = 0;
        for (int start = 0; start + n <= x.length; start += n) {
            for (int k = (int) Math.ceil(lo * n / RATE); k < hi * n / RATE; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                    re += w * x[start + i] * Math.cos(2 * Math.PI * k * i / n);
                    im -= w * x[start + i] * Math.sin(2 * Math.PI * k * i / n);
                }
                sum += re * re + im * im;
                count++;
            }
        }
        return sum / count;
    }

    private static double slopeDbPerOctave(short[] x) {
        // compare the 250–500 Hz and 2–4 kHz bands: three octaves apart
        return 10 * Math.log10(bandPower(x, 2000, 4000) / bandPower(x, 250, 500)) / 3;
    }

    @Test
    void everyNoiseHasTheTargetLoudnessAndIsDeterministic() {
        for (NoiseGenerator.Kind k : NoiseGenerator.Kind.values()) {
            short[] a = make(k);
            assertEquals(2 * RATE, a.length);
            assertEquals(NoiseGenerator.TARGET_RMS, Pcm.rms(a), NoiseGenerator.TARGET_RMS * 0.01, k.name());
            assertArrayEquals(a, make(k), k.name());
        }
    }

    @Test
    void coloursHaveTheirSpectralSlopes() {
        assertEquals(0, slopeDbPerOctave(make(NoiseGenerator.Kind.WHITE)), 1.0);
        assertEquals(-3, slopeDbPerOctave(make(NoiseGenerator.Kind.PINK)), 1.0);
        assertEquals(-6, slopeDbPerOctave(make(NoiseGenerator.Kind.BROWN)), 1.0);
    }

    @Test
    void humSitsAtMainsFrequencyAndTapInTheMidBand() {
        short[] hum = make(NoiseGenerator.Kind.HUM);
        assertTrue(bandPower(hum, 30, 400) > 1000 * bandPower(hum, 1000, 4000));
        short[] tap = make(NoiseGenerator.Kind.RUNNING_TAP);
        assertTrue(bandPower(tap, 1000, 4000) > 10 * bandPower(tap, 50, 400));
    }
}
