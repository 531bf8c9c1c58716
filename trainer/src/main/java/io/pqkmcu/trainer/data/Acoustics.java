package io.pqkmcu.trainer.data;

import java.util.Random;

/**
 * Where a synthetic speaker is heard: a room (a reverberation impulse response synthesized from the room
 * number: direct sound, a few early reflections and an exponentially decaying noise tail) and a channel
 * (telephone or microphone band-limiting and EQ as biquad filters). Everything is computed with
 * {@link StrictMath} and plain IEEE arithmetic, so the same speaker always gives the same bytes.
 */
public final class Acoustics {
    /** Reverberation times RT60 of synthesized rooms, seconds: small rooms, not halls. */
    static final double RT60_MIN = 0.15;
    static final double RT60_MAX = 0.6;
    /** Direct-to-reverberant energy ratios, dB. */
    static final double DRR_MIN_DB = 0;
    static final double DRR_MAX_DB = 12;
    private static final int SAMPLE_RATE = SyntheticKwsGenerator.SAMPLE_RATE;

    /** A microphone or line, as a fixed chain of biquad filters. */
    public enum Channel {
        /** No filtering. */
        FLAT("flat"),
        /** Narrow-band telephone: 300..3400 Hz. */
        TELEPHONE("phone"),
        /** Headset microphone: low cut at 150 Hz, presence peak at 3 kHz, top cut at 7 kHz. */
        HEADSET("headset"),
        /** Laptop or phone-speaker microphone: thin (low cut at 400 Hz), boxy at 1.2 kHz, top cut at 6 kHz. */
        LAPTOP("laptop"),
        /** Distant, muffled microphone: boomy below 250 Hz, top cut at 3.5 kHz. */
        MUFFLED("muffled");

        public final String key;

        Channel(String key) {
            this.key = key;
        }
    }

    private Acoustics() {}

    /** The impulse response of room {@code room} (≥ 1) for a dataset seed; unit direct sound at index 0. */
    static double[] impulseResponse(long seed, int room) {
        Random rng = Seeds.random(seed, "room/" + room);
        double rt60 = RT60_MIN + (RT60_MAX - RT60_MIN) * rng.nextDouble();
        double drrDb = DRR_MIN_DB + (DRR_MAX_DB - DRR_MIN_DB) * rng.nextDouble();
        int n = (int) (rt60 * SAMPLE_RATE * 0.8); // the tail is 48 dB down by then
        double[] h = new double[n];
        double decay = -6.907755 / (rt60 * SAMPLE_RATE); // ln(10^-3) per sample: 60 dB over RT60
        int onset = (int) (0.002 * SAMPLE_RATE + rng.nextInt((int) (0.006 * SAMPLE_RATE)));
        double tail = 0;
        for (int i = onset; i < n; i++) {
            h[i] = rng.nextGaussian() * StrictMath.exp(decay * i);
            tail += h[i] * h[i];
        }
        for (int k = 0; k < 5; k++) { // early reflections from walls 1..8 m away
            int at = onset + rng.nextInt((int) (0.025 * SAMPLE_RATE));
            h[at] += (rng.nextBoolean() ? 1 : -1) * (0.2 + 0.4 * rng.nextDouble()) * StrictMath.sqrt(tail / 20);
        }
        double reverberant = 0;
        for (int i = 1; i < n; i++) {
            reverberant += h[i] * h[i];
        }
        double g = StrictMath.sqrt(1 / (reverberant * StrictMath.pow(10, drrDb / 10)));
        for (int i = 1; i < n; i++) {
            h[i] *= g;
        }
        h[0] = 1;
        return h;
    }

    /** x convolved with h, cut to x's length (the tail past the clip's end is lost, as in a recording). */
    static double[] convolve(double[] x, double[] h) {
        int size = Integer.highestOneBit(x.length + h.length - 1);
        if (size < x.length + h.length - 1) {
            size <<= 1;
        }
        double[] xr = new double[size];
        double[] xi = new double[size];
        double[] hr = new double[size];
        double[] hi = new double[size];
        System.arraycopy(x, 0, xr, 0, x.length);
        System.arraycopy(h, 0, hr, 0, h.length);
        fft(xr, xi, false);
        fft(hr, hi, false);
        for (int k = 0; k < size; k++) {
            double r = xr[k] * hr[k] - xi[k] * hi[k];
            double i = xr[k] * hi[k] + xi[k] * hr[k];
            xr[k] = r;
            xi[k] = i;
        }
        fft(xr, xi, true);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = xr[i] / size;
        }
        return y;
    }

    /** In-place iterative radix-2 FFT (unscaled; inverse when {@code inverse}). */
    private static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * StrictMath.PI / len * (inverse ? 1 : -1);
            double wr = StrictMath.cos(ang);
            double wi = StrictMath.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double br = re[b] * cr - im[b] * ci;
                    double bi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }

    /** Filters x in place through the channel's biquads. */
    static void applyChannel(double[] x, Channel c) {
        switch (c) {
            case FLAT -> { }
            case TELEPHONE -> {
                Biquad.highPass(SAMPLE_RATE, 300, 0.707).run(x);
                Biquad.highPass(SAMPLE_RATE, 300, 0.707).run(x);
                Biquad.lowPass(SAMPLE_RATE, 3400, 0.707).run(x);
                Biquad.lowPass(SAMPLE_RATE, 3400, 0.707).run(x);
            }
            case HEADSET -> {
                Biquad.highPass(SAMPLE_RATE, 150, 0.707).run(x);
                Biquad.peak(SAMPLE_RATE, 3000, 1.0, 6).run(x);
                Biquad.lowPass(SAMPLE_RATE, 7000, 0.707).run(x);
            }
            case LAPTOP -> {
                Biquad.highPass(SAMPLE_RATE, 400, 0.707).run(x);
                Biquad.peak(SAMPLE_RATE, 1200, 1.5, 5).run(x);
                Biquad.lowPass(SAMPLE_RATE, 6000, 0.707).run(x);
            }
            case MUFFLED -> {
                Biquad.peak(SAMPLE_RATE, 180, 0.8, 6).run(x);
                Biquad.lowPass(SAMPLE_RATE, 3500, 0.707).run(x);
                Biquad.lowPass(SAMPLE_RATE, 3500, 0.707).run(x);
            }
        }
    }
}
