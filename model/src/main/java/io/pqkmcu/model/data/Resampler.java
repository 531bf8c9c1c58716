package io.pqkmcu.model.data;

/**
 * Rational sample-rate converter: a polyphase windowed-sinc low-pass filter.
 *
 * <p>For rates reduced to out/in = L/M, output sample n sits at input time t = n·M/L. Its value is
 * Σ x[i]·h(i − t) over the 2·K input samples nearest t, where h is a sinc low-pass at
 * 0.45 × min(in, out) (just below the lower Nyquist frequency, so downsampling does not alias) shaped by a
 * Kaiser window (β = 8.6, about 80 dB stop-band). Because n·M mod L takes only L values, the filter is
 * tabulated once per phase; each phase is normalised to unit DC gain. Samples outside the input are zero.
 *
 * <p>Deterministic on every JVM: the table is built with {@link StrictMath} and Java's floating point is
 * IEEE-exact, so the same input always gives the same output bytes.
 */
public final class Resampler {
    /** Input samples on each side of the output instant that the filter reaches, for dataset conversion. */
    private static final int HALF_TAPS = 32;
    private static final double KAISER_BETA = 8.6;
    /** Cut-off as a fraction of the lower Nyquist frequency; leaves room for the transition band. */
    private static final double CUTOFF = 0.9;
    private static final int MAX_TABLE = 1 << 22;

    private final int inRate;
    private final int outRate;
    private final int up;   // L
    private final int down; // M
    private final int halfTaps;
    private final double[][] phases; // [L][2·halfTaps]: tap j weights x[floor(t) − halfTaps + 1 + j]

    public Resampler(int inRate, int outRate) {
        this(inRate, outRate, HALF_TAPS);
    }

    /**
     * A converter whose filter reaches {@code halfTaps} input samples on each side: fewer taps are faster and
     * have a wider transition band and less stop-band attenuation (8 taps: enough for on-the-fly augmentation,
     * where only the band below the lower Nyquist frequency's 0.9 matters).
     */
    public Resampler(int inRate, int outRate, int halfTaps) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + inRate + " -> " + outRate);
        }
        if (halfTaps < 2 || halfTaps > 256) {
            throw new IllegalArgumentException("filter half-length must be in 2..256 taps, got " + halfTaps);
        }
        this.halfTaps = halfTaps;
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        if ((long) up * 2 * halfTaps > MAX_TABLE) {
            throw new IllegalArgumentException("cannot resample " + inRate + " Hz to " + outRate
                    + " Hz: the rates share too small a common divisor (" + g + ")");
        }
        this.phases = inRate == outRate ? null : buildTable();
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Output samples for {@code inputLength} input samples: ceil(inputLength × out / in). */
    public int outputLength(int inputLength) {
        return (int) ((inputLength * (long) up + down - 1) / down);
    }

    /** Resamples 16-bit mono audio; the result is rounded to nearest and saturated to int16. */
    public short[] resample(short[] in) {
        if (phases == null) {
            return in.clone();
        }
        short[] out = new short[outputLength(in.length)];
        for (int n = 0; n < out.length; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up) - halfTaps + 1;
            double[] h = phases[(int) (pos % up)];
            double acc = 0;
            int jFrom = Math.max(0, -base);
            int jTo = Math.min(h.length, in.length - base);
            for (int j = jFrom; j < jTo; j++) {
                acc += h[j] * in[base + j];
            }
            out[n] = Pcm.saturate(Math.round(acc));
        }
        return out;
    }

    private double[][] buildTable() {
        double fc = 0.5 * CUTOFF * Math.min(1.0, (double) up / down); // cycles per input sample
        double i0Beta = besselI0(KAISER_BETA);
        double[][] table = new double[up][2 * halfTaps];
        for (int p = 0; p < up; p++) {
            double frac = (double) p / up;
            double sum = 0;
            for (int j = 0; j < 2 * halfTaps; j++) {
                double tau = (j - halfTaps + 1) - frac; // in (−halfTaps, halfTaps]
                double u = tau / halfTaps;
                double w = Math.abs(u) >= 1 ? 0 : besselI0(KAISER_BETA * StrictMath.sqrt(1 - u * u)) / i0Beta;
                double v = 2 * fc * sinc(2 * fc * tau) * w;
                table[p][j] = v;
                sum += v;
            }
            for (int j = 0; j < 2 * halfTaps; j++) {
                table[p][j] /= sum;
            }
        }
        return table;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = StrictMath.PI * x;
        return StrictMath.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x ≤ 20). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 60; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
