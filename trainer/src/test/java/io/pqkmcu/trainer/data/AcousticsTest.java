package io.pqkmcu.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcousticsTest {
    @Test
    void impulseResponseIsDeterministicDecaysAndHasItsDirectToReverberantRatio() {
        double[] h = Acoustics.impulseResponse(1, 42);
        assertArrayEquals(h, Acoustics.impulseResponse(1, 42));
        assertTrue(h.length != Acoustics.impulseResponse(1, 43).length
                || !java.util.Arrays.equals(h, Acoustics.impulseResponse(1, 43)), "rooms differ");
        assertEquals(1, h[0]);
        double reverberant = 0;
        double firstTenth = 0;
        for (int i = 1; i < h.length; i++) {
            reverberant += h[i] * h[i];
            if (i < h.length / 10) {
                firstTenth += h[i] * h[i];
            }
        }
        double drrDb = -10 * Math.log10(reverberant);
        assertTrue(drrDb >= Acoustics.DRR_MIN_DB - 1e-9 && drrDb <= Acoustics.DRR_MAX_DB + 1e-9, "DRR " + drrDb);
        assertTrue(firstTenth > reverberant / 10, "the tail decays");
        assertTrue(h.length <= Acoustics.RT60_MAX * 16000, "a small room, not a hall: " + h.length);
    }

    @Test
    void fftConvolutionEqualsTheDirectSum() {
        Random rng = new Random(3);
        double[] x = new double[300];
        double[] h = new double[77];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = rng.nextGaussian();
        }
        double[] y = Acoustics.convolve(x, h);
        assertEquals(x.length, y.length);
        for (int n = 0; n < x.length; n++) {
            double s = 0;
            for (int k = 0; k <= n && k < h.length; k++) {
                s += h[k] * x[n - k];
            }
            assertEquals(s, y[n], 1e-9, "sample " + n);
        }
    }

    @Test
    void telephoneChannelPassesSpeechBandAndCutsLowsAndHighs() {
        assertTrue(gainDb(Acoustics.Channel.TELEPHONE, 1000) > -1.5);
        assertTrue(gainDb(Acoustics.Channel.TELEPHONE, 100) < -15);
        assertTrue(gainDb(Acoustics.Channel.TELEPHONE, 6000) < -15);
        assertEquals(0, gainDb(Acoustics.Channel.FLAT, 6000), 1e-9);
        assertTrue(gainDb(Acoustics.Channel.MUFFLED, 7000) < -15);
        assertTrue(gainDb(Acoustics.Channel.LAPTOP, 100) < -15);
        assertTrue(gainDb(Acoustics.Channel.HEADSET, 3000) > 4);
    }

    /** Steady-state gain of a sine through the channel, dB. */
    private static double gainDb(Acoustics.Channel c, double hz) {
        double[] x = new double[16000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * hz * i / 16000);
        }
        double[] y = x.clone();
        Acoustics.applyChannel(y, c);
        double px = 0;
        double py = 0;
        for (int i = 8000; i < x.length; i++) {
            px += x[i] * x[i];
            py += y[i] * y[i];
        }
        return 10 * Math.log10(py / px);
    }
}
