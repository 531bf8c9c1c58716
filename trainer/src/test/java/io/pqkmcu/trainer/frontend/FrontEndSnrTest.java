package io.pqkmcu.trainer.frontend;

import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integer front end against the float64 reference ({@link FloatMfcc}) for both FFT kinds, on voiced,
 * noisy and quiet clips: the REAL FFT must not be less accurate than the COMPLEX one it replaces.
 * (`pqk bench frontend --data DIR` measures the same on a dataset's test clips.)
 */
class FrontEndSnrTest {
    /** Harmonic "vowels" with a moving pitch and amplitude envelope over noise, at levels from -60 to 0 dBFS. */
    private static List<short[]> clips() {
        List<short[]> clips = new ArrayList<>();
        Random r = new Random(11);
        for (int c = 0; c < 24; c++) {
            double level = 32767 * Math.pow(10, -3.0 * c / 23);
            double f0 = 90 + 200 * r.nextDouble();
            short[] s = new short[16000];
            double phase = 0;
            for (int i = 0; i < s.length; i++) {
                double t = i / 16000.0;
                phase += 2 * Math.PI * f0 * (1 + 0.2 * Math.sin(2 * Math.PI * 1.5 * t)) / 16000.0;
                double v = 0;
                for (int h = 1; h <= 20; h++) {
                    v += Math.sin(h * phase) / h;
                }
                double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t + c);
                double x = level * (0.45 * v * env + 0.05 * r.nextGaussian());
                s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x)));
            }
            clips.add(s);
        }
        return clips;
    }

    @Test
    void realFftIsAsCloseToFloat64AsTheComplexFft() {
        List<short[]> clips = clips();
        for (FrontEndConfig base : List.of(FrontEndConfig.mfccDefault(), FrontEndConfig.logMelDefault())) {
            FloatMfcc reference = new FloatMfcc(base);
            FloatMfcc.Snr complex = new FloatMfcc.Snr();
            FloatMfcc.Snr real = new FloatMfcc.Snr();
            AudioFrontEnd c = new AudioFrontEnd(base.withFft(FrontEndConfig.FftKind.COMPLEX));
            AudioFrontEnd rl = new AudioFrontEnd(base.withFft(FrontEndConfig.FftKind.REAL));
            for (short[] clip : clips) {
                double[] ref = reference.raw(clip);
                complex.add(ref, c.raw(clip));
                real.add(ref, rl.raw(clip));
            }
            String summary = String.format(java.util.Locale.ROOT,
                    "%s: SNR vs float64 COMPLEX %.2f dB (rms %.4f log2), REAL %.2f dB (rms %.4f log2)", base.type(),
                    complex.db(), complex.rmsLog2(), real.db(), real.rmsLog2());
            System.out.println(summary);
            assertTrue(complex.db() > 30 && real.db() > 30, summary);
            assertTrue(real.db() > complex.db() - 1.0, summary);
        }
    }
}
