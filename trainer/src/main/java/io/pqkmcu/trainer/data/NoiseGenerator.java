package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;

import java.util.Random;

/**
 * Seeded background noises for the synthetic dataset's {@code _background_noise_} folder: the colours of
 * noise, mains hum and a running tap. (Babble needs a speech synthesiser; see {@link BabbleGenerator}.)
 * All are normalised to the same loudness, {@link #TARGET_RMS}, and are deterministic for a given
 * {@link Random}: only its specified algorithm and {@link StrictMath} are used.
 */
public final class NoiseGenerator {
    /** RMS of every generated noise file: 0.1 of full scale (−20 dBFS), leaving headroom for peaks. */
    public static final double TARGET_RMS = 0.1 * Short.MAX_VALUE;

    /** The noises this class makes, with their file names. */
    public enum Kind {
        WHITE("white_noise.wav"),
        PINK("pink_noise.wav"),
        BROWN("brown_noise.wav"),
        HUM("hum.wav"),
        RUNNING_TAP("running_tap.wav");

        public final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }
    }

    private NoiseGenerator() {}

    /** {@code n} samples of the given noise at {@code sampleRate}, normalised to {@link #TARGET_RMS}. */
    public static short[] generate(Kind kind, Random rng, int sampleRate, int n) {
        double[] x;
        switch (kind) {
            case WHITE: x = white(rng, n); break;
            case PINK: x = pink(rng, n); break;
            case BROWN: x = brown(rng, n); break;
            case HUM: x = hum(rng, sampleRate, n); break;
            case RUNNING_TAP: x = runningTap(rng, sampleRate, n); break;
            default: throw new IllegalArgumentException("unknown noise " + kind);
        }
        return normalise(x);
    }

    /** Scales to {@link #TARGET_RMS} and converts to int16 with saturation. */
    public static short[] normalise(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        double rms = Math.sqrt(s / Math.max(1, x.length));
        double g = rms > 0 ? TARGET_RMS / rms : 0;
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Pcm.saturate(x[i] * g);
        }
        return out;
    }

    /** Gaussian samples by the Box–Muller transform (one per pair of uniforms, for a simple fixed recipe). */
    static double gaussian(Random rng) {
        double u = 1.0 - rng.nextDouble(); // (0, 1]: log stays finite
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    private static double[] white(Random rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = gaussian(rng);
        }
        return x;
    }

    /**
     * Voss–McCartney pink noise: 16 random rows, row k redrawn every 2^k samples (the row chosen by the
     * sample index's trailing zero count), summed with fresh white noise. The spectrum falls about 3 dB
     * per octave over the rows' range.
     */
    private static double[] pink(Random rng, int n) {
        int rowsCount = 16;
        double[] rows = new double[rowsCount];
        double sum = 0;
        for (int k = 0; k < rowsCount; k++) {
            rows[k] = gaussian(rng);
            sum += rows[k];
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                int k = Integer.numberOfTrailingZeros(i);
                if (k < rowsCount) {
                    sum -= rows[k];
                    rows[k] = gaussian(rng);
                    sum += rows[k];
                }
            }
            x[i] = sum + gaussian(rng);
        }
        return x;
    }

    /** Brown (red) noise: leaky integral of white noise, −6 dB per octave above a few hertz. */
    private static double[] brown(Random rng, int n) {
        double[] x = new double[n];
        double y = 0;
        for (int i = 0; i < n; i++) {
            y = 0.998 * y + gaussian(rng);
            x[i] = y;
        }
        return x;
    }

    /** Mains hum: 50 or 60 Hz and 7 harmonics with random phases, a slow level wobble and a faint hiss. */
    private static double[] hum(Random rng, int sampleRate, int n) {
        double f0 = rng.nextBoolean() ? 50 : 60;
        int harmonics = 8;
        double[] phase = new double[harmonics];
        double[] amp = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            phase[k] = 2 * StrictMath.PI * rng.nextDouble();
            // odd harmonics dominate in transformer hum; even ones are weaker
            amp[k] = (k % 2 == 0 ? 1.0 : 0.4) / (1 + k) * (0.5 + rng.nextDouble());
        }
        double wobbleHz = 0.2 + 0.3 * rng.nextDouble();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            double v = 0;
            for (int k = 0; k < harmonics; k++) {
                v += amp[k] * StrictMath.sin(2 * StrictMath.PI * f0 * (k + 1) * t + phase[k]);
            }
            x[i] = v * (1 + 0.1 * StrictMath.sin(2 * StrictMath.PI * wobbleHz * t)) + 0.01 * gaussian(rng);
        }
        return x;
    }

    /**
     * A running tap: white noise through a resonant band-pass (RBJ biquad, Q ≈ 2) whose centre wanders
     * between about 1 and 4 kHz, with a fast irregular "gurgle" envelope, over a faint broadband splash.
     */
    private static double[] runningTap(Random rng, int sampleRate, int n) {
        double[] gurgleHz = {3 + 3 * rng.nextDouble(), 7 + 5 * rng.nextDouble(), 13 + 7 * rng.nextDouble()};
        double[] gurglePhase = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        double logCentre = StrictMath.log(2000);
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        double b0 = 0;
        double a1 = 0;
        double a2 = 0;
        double norm = 1;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 64 == 0) { // move the resonance: a bounded random walk in log frequency
                logCentre += 0.02 * gaussian(rng);
                logCentre = Math.max(StrictMath.log(1000), Math.min(StrictMath.log(4000), logCentre));
                double w0 = 2 * StrictMath.PI * StrictMath.exp(logCentre) / sampleRate;
                double alpha = StrictMath.sin(w0) / (2 * 2.0);
                norm = 1 + alpha;
                b0 = alpha;
                a1 = -2 * StrictMath.cos(w0);
                a2 = 1 - alpha;
            }
            double in = gaussian(rng);
            double y = (b0 * in - b0 * x2 - a1 * y1 - a2 * y2) / norm; // b1 = 0, b2 = −b0 for the band-pass
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            double t = (double) i / sampleRate;
            double g = 0;
            for (int k = 0; k < 3; k++) {
                g += StrictMath.sin(2 * StrictMath.PI * (gurgleHz[k] * t + gurglePhase[k]));
            }
            double envelope = 1 + 0.25 * g;
            x[i] = y * envelope + 0.05 * in;
        }
        return x;
    }
}
