package io.pqkmcu.trainer.frontend;

import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.frontend.FrontEndTables;

/**
 * A float64 model of the front end's features, the yardstick for its fixed-point error: the same Hann
 * window, FFT size, mel triangles and DCT as {@link FrontEndTables} describes, in double precision and
 * without quantised tables, block normalisation or rounding. Output in the integer front end's units (Q10
 * log2 of the power in sample units, before int8 quantization), frame-major. The log takes
 * log2(e + 2^(2·log2 N − 15)): the floor the integer path gives an all-zero window (its +1 before the log,
 * at normalisation shift 0), so that digital silence, frequent in padded clips, compares equal instead of
 * dominating the error; for any audible frame the term is negligible.
 */
public final class FloatMfcc {
    private final FrontEndConfig config;
    private final double[] window;
    private final double[][] mel; // [melBins][N/2 + 1]
    private final double[][] dct; // [coefficients][melBins]

    public FloatMfcc(FrontEndConfig config) {
        this.config = config;
        int w = config.windowSamples();
        this.window = new double[w];
        for (int i = 0; i < w; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / w);
        }
        int bins = config.fftSize() / 2 + 1;
        this.mel = new double[config.melBins()][bins];
        for (int m = 0; m < config.melBins(); m++) {
            double left = FrontEndTables.edgeMel(config, m);
            double centre = FrontEndTables.edgeMel(config, m + 1);
            double right = FrontEndTables.edgeMel(config, m + 2);
            for (int k = 0; k < bins; k++) {
                double f = FrontEndTables.hzToMel((double) k * config.sampleRate() / config.fftSize());
                double tri = Math.min((f - left) / (centre - left), (right - f) / (right - centre));
                mel[m][k] = Math.max(0, Math.min(1, tri));
            }
        }
        int c = config.type() == FrontEndConfig.FeatureType.MFCC ? config.coefficients() : 0;
        this.dct = new double[c][config.melBins()];
        for (int j = 0; j < c; j++) {
            for (int m = 0; m < config.melBins(); m++) {
                dct[j][m] = Math.cos(Math.PI * j * (m + 0.5) / config.melBins()) * Math.sqrt(2.0 / config.melBins());
            }
        }
    }

    /** Features of a clip of exactly clipSamples samples, Q10 log2 units, frame-major. */
    public double[] raw(short[] clip) {
        if (clip == null || clip.length != config.clipSamples()) {
            throw new IllegalArgumentException("audio clip must have " + config.clipSamples() + " samples");
        }
        int n = config.fftSize();
        int features = config.featuresPerFrame();
        double[] out = new double[config.frames() * features];
        double[] re = new double[n];
        double[] im = new double[n];
        double[] logMel = new double[config.melBins()];
        double floor = Math.pow(2, 2 * Integer.numberOfTrailingZeros(n) - 15);
        for (int f = 0; f < config.frames(); f++) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            int start = f * config.strideSamples();
            for (int i = 0; i < window.length; i++) {
                re[i] = clip[start + i] * window[i];
            }
            fft(re, im);
            for (int m = 0; m < logMel.length; m++) {
                double e = 0;
                for (int k = 0; k < mel[m].length; k++) {
                    e += (re[k] * re[k] + im[k] * im[k]) * mel[m][k];
                }
                logMel[m] = 1024.0 * Math.log(e + floor) / Math.log(2);
            }
            if (dct.length == 0) {
                System.arraycopy(logMel, 0, out, f * features, features);
            } else {
                for (int j = 0; j < dct.length; j++) {
                    double acc = 0;
                    for (int m = 0; m < logMel.length; m++) {
                        acc += dct[j][m] * logMel[m];
                    }
                    out[f * features + j] = acc;
                }
            }
        }
        return out;
    }

    /** In-place radix-2 complex FFT (forward, unscaled). */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /**
     * Accumulates the integer front end's error against this reference over many clips.
     * SNR = 10·log10(Σ ref² / Σ (int − ref)²) over every feature of every clip.
     */
    public static final class Snr {
        private double signal;
        private double noise;
        private double maxError;
        private long values;

        public void add(double[] reference, int[] fixed) {
            for (int i = 0; i < reference.length; i++) {
                double e = fixed[i] - reference[i];
                signal += reference[i] * reference[i];
                noise += e * e;
                maxError = Math.max(maxError, Math.abs(e));
            }
            values += reference.length;
        }

        public double db() {
            return 10 * Math.log10(signal / noise);
        }

        /** Root-mean-square error, in log2 units (the Q10 error / 1024). */
        public double rmsLog2() {
            return Math.sqrt(noise / values) / 1024.0;
        }

        public double maxErrorLog2() {
            return maxError / 1024.0;
        }

        public long values() {
            return values;
        }
    }
}
