package io.pqkmcu.model.frontend;

import io.pqkmcu.model.frontend.FrontEndConfig.FeatureType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioFrontEndTest {
    private static final FrontEndConfig MFCC = FrontEndConfig.mfccDefault();
    private static final FrontEndConfig LOG_MEL = FrontEndConfig.logMelDefault();

    private static short[] tone(double hz, double amplitude, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 16000.0));
        }
        return s;
    }

    private static short[] noise(long seed, double amplitude, int samples) {
        SplittableRandom rnd = new SplittableRandom(seed);
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(rnd.nextDouble(-1, 1) * amplitude)));
        }
        return s;
    }

    @Test
    void bitReversePermutationMatchesTheDefinition() {
        for (int log2n = 0; log2n <= 12; log2n++) {
            int n = 1 << log2n;
            int[] x = new int[n];
            for (int i = 0; i < n; i++) {
                x[i] = i;
            }
            FixedFft.bitReversePermute(x);
            for (int i = 0; i < n; i++) {
                assertEquals(FixedFft.bitReverse(i, log2n), x[i], "n " + n + " index " + i);
            }
        }
    }

    @Test
    void fftOfAPureToneOnABinPeaksAtThatBin() {
        FrontEndTables t = FrontEndTables.of(MFCC);
        for (int bin : new int[] {1, 32, 100, 255}) {
            int[] re = new int[512];
            int[] im = new int[512];
            for (int i = 0; i < 512; i++) {
                re[FixedFft.bitReverse(i, 9)] = (int) Math.round(8000 * Math.cos(2 * Math.PI * bin * i / 512.0));
            }
            FixedFft.transform(re, im, 9, t.twiddleCos, t.twiddleSin);
            int peak = 0;
            for (int k = 0; k <= 256; k++) {
                if ((long) re[k] * re[k] + (long) im[k] * im[k] > (long) re[peak] * re[peak] + (long) im[peak] * im[peak]) {
                    peak = k;
                }
            }
            assertEquals(bin, peak);
            // FFT(x)/N of a cosine of amplitude A: A/2 at the bin.
            assertEquals(4000, Math.hypot(re[bin], im[bin]), 8);
        }
    }

    @Test
    void toneLandsInTheMelBandCentredOnIt() {
        AudioFrontEnd fe = new AudioFrontEnd(LOG_MEL);
        FrontEndTables t = fe.tables();
        for (int band : new int[] {5, 20, 35}) {
            double hz = FrontEndTables.melToHz(FrontEndTables.edgeMel(LOG_MEL, band + 1));
            int[] raw = fe.raw(tone(hz, 10000, 16000));
            int frame = 10 * 40;
            int best = 0;
            for (int m = 0; m < 40; m++) {
                if (raw[frame + m] > raw[frame + best]) {
                    best = m;
                }
            }
            assertEquals(band, best, "tone at " + hz + " Hz");
            assertTrue(t.melBands().get(band).binCount() > 0);
        }
    }

    /** Q10 log-mel against the same quantity computed in double precision from the definition. */
    @Test
    void logMelMatchesFloatingPointDefinition() {
        AudioFrontEnd fe = new AudioFrontEnd(LOG_MEL);
        short[] clip = noise(3, 3000, 16000);
        int[] raw = fe.raw(clip);
        List<MelBand> bands = fe.tables().melBands();
        double sumAbsErr = 0;
        int count = 0;
        for (int f : new int[] {0, 17, 48}) {
            double[] power = new double[257];
            for (int k = 0; k <= 256; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < 480; i++) {
                    double x = clip[f * 320 + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / 480));
                    re += x * Math.cos(2 * Math.PI * k * i / 512);
                    im -= x * Math.sin(2 * Math.PI * k * i / 512);
                }
                power[k] = re * re + im * im;
            }
            double[] energy = new double[40];
            double strongest = 0;
            for (int m = 0; m < 40; m++) {
                MelBand b = bands.get(m);
                for (int k = b.firstBin(); k < b.firstBin() + b.binCount(); k++) {
                    energy[m] += power[k] * b.weightAt(k) / 32767.0;
                }
                strongest = Math.max(strongest, energy[m]);
            }
            for (int m = 0; m < 40; m++) {
                double err = raw[f * 40 + m] / 1024.0 - Math.log(energy[m]) / Math.log(2);
                // The block-scaled FFT keeps ~1 LSB of rounding noise per bin (floor shifts at every stage),
                // so bands far below the frame's strongest lose precision: measured 0.14 log2 units at 27 dB
                // down, 0.05 at 15 dB down over 2–3 bins, under 0.02 within 12 dB.
                double bound = energy[m] > strongest / 16 ? 0.06 : 0.2;
                assertEquals(0, err, bound, "frame " + f + " band " + m);
                sumAbsErr += Math.abs(err);
                count++;
            }
        }
        assertTrue(sumAbsErr / count < 0.015, "mean |error| " + sumAbsErr / count + " log2 units");
    }

    @Test
    void silenceGivesTheFloorInEveryCoefficient() {
        // e = 0 → log2fix(1) = 0, shift 0: L = (2·9 − 15)·1024 = 3072 in every band.
        int[] logMel = new AudioFrontEnd(LOG_MEL).raw(new short[16000]);
        assertEquals(49 * 40, logMel.length);
        for (int v : logMel) {
            assertEquals(3072, v);
        }
        short[] dct = FrontEndTables.of(MFCC).dct();
        int[] mfcc = new AudioFrontEnd(MFCC).raw(new short[16000]);
        for (int f = 0; f < 49; f++) {
            for (int j = 0; j < 10; j++) {
                long acc = 0;
                for (int m = 0; m < 40; m++) {
                    acc += (long) dct[j * 40 + m] * 3072;
                }
                assertEquals((int) ((acc + (1 << 14)) >> 15), mfcc[f * 10 + j], "frame " + f + " coefficient " + j);
            }
        }
        assertEquals(Math.round(3.0 * 1024 * 40 * Math.sqrt(2.0 / 40)), mfcc[0], 2);
    }

    @Test
    void int8OutputSaturatesAtTheExtremes() {
        AudioFrontEnd fe = new AudioFrontEnd(MFCC);
        byte[] q = fe.quantize(new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 1024, -1024, 100 * 1024}, 1.0, -3);
        assertArrayEquals(new byte[] {127, -128, -3, -2, -4, 97}, q);
        // Full-scale noise with a fine scale: c0 saturates high.
        byte[] loud = fe.features(noise(1, 32767, 16000), 0.05, 0);
        for (int f = 0; f < 49; f++) {
            assertEquals(127, loud[f * 10]);
        }
        // Silence with a big negative zero point shift saturates low.
        byte[] quiet = new AudioFrontEnd(LOG_MEL).features(new short[16000], 0.01, -128);
        for (byte b : quiet) {
            assertEquals(127, b); // 3.0 / 0.01 = 300 steps above −128: still saturates high
        }
        byte[] floor = new AudioFrontEnd(LOG_MEL).features(new short[16000], 1.0, -128);
        for (byte b : floor) {
            assertEquals(-125, b); // 3.0 / 1.0 + (−128)
        }
    }

    @Test
    void saturatedRequantizationClampsInsteadOfWrapping() {
        // Multiplier mantissa just below 2^31 with shift 10: 2^25 saturates to INT32_MAX before the high
        // multiply, which returns ~INT32_MAX − 21; adding zero point 127 must not wrap to a negative.
        double scale = 1.0 / (1024.0 * 1024.0 * 0.99999999);
        assertEquals(10, new FeatureQuantization(scale, 127).multiplier().shift());
        assertArrayEquals(new byte[] {127, -128}, new AudioFrontEnd(MFCC).quantize(new int[] {1 << 25, -(1 << 25)}, scale, 127));
    }

    @Test
    void fullScaleClippingStaysInRange() {
        short[] square = new short[16000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        int[] raw = new AudioFrontEnd(LOG_MEL).raw(square);
        for (int v : raw) {
            assertTrue(v > 0 && v < 60 * 1024, "log-mel of a full-scale square: " + v);
        }
    }

    @Test
    void cmnSubtractsTheFlooredRoundedMeanOfEachFeature() {
        // 4 frames x 4 features, one column per case: sums 10 (mean 3: (10 + 2) / 4), -7 (floorDiv(-5, 4) = -2,
        // where truncation would give -1), 2 (a tie, +0.5 rounds up to 1) and -2 (a tie, -0.5 rounds up to 0).
        int[] window = {
            1, -1, 2, 0,
            2, -2, 0, -1,
            3, -3, 0, 0,
            4, -1, 0, -1};
        int[] out = new int[window.length];
        AudioFrontEnd.normalize(window, out, 4, 4);
        assertArrayEquals(new int[] {
            -2, 1, 1, 0,
            -1, 0, -1, -1,
            0, -1, -1, 0,
            1, 1, -1, -1}, out);
        assertArrayEquals(new int[] {1, -1, 2, 0, 2, -2, 0, -1, 3, -3, 0, 0, 4, -1, 0, -1}, window, "input kept");
        AudioFrontEnd.normalize(window, window, 4, 4);
        assertArrayEquals(out, window, "in place");
        // Odd frame count: F/2 = 1 for F = 3; sum -2 gives floorDiv(-1, 3) = -1 (truncation: 0).
        int[] odd = {0, -1, -1};
        AudioFrontEnd.normalize(odd, odd, 3, 1);
        assertArrayEquals(new int[] {1, 0, 0}, odd);
    }

    @Test
    void textOfANoneConfigIsWhatItWasBeforeNormalisation() {
        // Checkpoints fingerprint their data with this text: runs started before CMN existed must still resume.
        assertEquals("FrontEndConfig[type=MFCC, sampleRate=16000, clipSamples=16000, windowSamples=480, strideSamples=320, "
                + "fftSize=512, melBins=40, lowHz=20.0, highHz=4000.0, coefficients=10, fft=REAL]", MFCC.toString());
        assertEquals(MFCC.toString().replace("]", ", normalization=CMN]"),
                MFCC.withNormalization(FrontEndConfig.Normalization.CMN).toString());
    }

    @Test
    void cmnRawIsTheWindowNormalisedOverItsFrames() {
        for (FrontEndConfig base : List.of(MFCC, LOG_MEL)) {
            FrontEndConfig cmn = base.withNormalization(FrontEndConfig.Normalization.CMN);
            AudioFrontEnd plain = new AudioFrontEnd(base);
            AudioFrontEnd fe = new AudioFrontEnd(cmn);
            int frames = base.frames();
            int features = base.featuresPerFrame();
            for (short[] clip : List.of(noise(3, 3000, 16000), tone(440, 8000, 16000), new short[16000])) {
                int[] unnormalised = plain.rawFrames(clip, 0, frames);
                assertArrayEquals(unnormalised, fe.rawFrames(clip, 0, frames), "rawFrames is never normalised");
                int[] raw = fe.raw(clip);
                for (int j = 0; j < features; j++) {
                    long sum = 0;
                    long sumBefore = 0;
                    for (int f = 0; f < frames; f++) {
                        sum += raw[f * features + j];
                        sumBefore += unnormalised[f * features + j];
                    }
                    // sum' = sum - F * floorDiv(sum + F/2, F) lies in [-F/2, F - F/2).
                    assertTrue(sum >= -(frames / 2) && sum < frames - frames / 2, base.type() + " feature " + j + ": " + sum);
                    long mean = unnormalised[j] - raw[j];
                    assertEquals(Math.floorDiv(sumBefore + frames / 2, frames), mean);
                    for (int f = 0; f < frames; f++) {
                        assertEquals(unnormalised[f * features + j] - mean, raw[f * features + j]);
                    }
                }
                assertArrayEquals(fe.quantize(raw, 0.25, 3), fe.features(clip, 0.25, 3));
            }
        }
    }

    @Test
    void wrongLengthClipIsRejected() {
        AudioFrontEnd fe = new AudioFrontEnd(MFCC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fe.raw(new short[15999]));
        assertTrue(e.getMessage().contains("15999") && e.getMessage().contains("16000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fe.raw(null));
        assertThrows(IllegalArgumentException.class, () -> fe.features(new short[16001], 1.0, 0));
    }

    @Test
    void badQuantizationIsRejected() {
        AudioFrontEnd fe = new AudioFrontEnd(MFCC);
        assertThrows(IllegalArgumentException.class, () -> fe.features(new short[16000], 0.0, 0));
        assertThrows(IllegalArgumentException.class, () -> fe.features(new short[16000], Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> fe.features(new short[16000], 1.0, 128));
        assertThrows(IllegalArgumentException.class, () -> fe.quantize(new int[1], 1e-20, 0));
    }

    @Test
    void outputLayoutIsFrameMajor() {
        FrontEndConfig c = new FrontEndConfig(FeatureType.MFCC, 16000, 16000, 640, 320, 1024, 40, 20, 7600, 13);
        short[] clip = noise(9, 5000, 16000);
        clip = Arrays.copyOf(clip, 16000);
        Arrays.fill(clip, 0, 8000, (short) 0); // first half silent
        int[] raw = new AudioFrontEnd(c).raw(clip);
        assertEquals(c.frames() * 13, raw.length);
        assertEquals(raw[0], raw[13]); // frames 0 and 1 are both silence
        assertTrue(raw[(c.frames() - 1) * 13] > raw[0], "the last frame (noise) has more energy than the first");
    }

    @Test
    void sameResultFromSeveralThreads() throws Exception {
        AudioFrontEnd fe = new AudioFrontEnd(MFCC);
        List<short[]> clips = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clips.add(noise(100 + i, 200 + 2000 * i, 16000));
        }
        List<int[]> expected = new ArrayList<>();
        for (short[] c : clips) {
            expected.add(fe.raw(c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (short[] c : clips) {
                    futures.add(pool.submit(() -> fe.raw(c)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(expected.get(i % clips.size()), futures.get(i).get(), "clip " + i % clips.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
