package io.pqkmcu.trainer.data;

/**
 * A second-order IIR filter from Robert Bristow-Johnson's audio-EQ cookbook, run in direct form I in
 * double precision. Coefficients come from {@link StrictMath}, so a filter gives the same bytes on every JVM.
 */
record Biquad(double b0, double b1, double b2, double a1, double a2) {
    static Biquad lowPass(int sampleRate, double f, double q) {
        double w = 2 * StrictMath.PI * f / sampleRate;
        double alpha = StrictMath.sin(w) / (2 * q);
        double cos = StrictMath.cos(w);
        double a0 = 1 + alpha;
        return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    static Biquad highPass(int sampleRate, double f, double q) {
        double w = 2 * StrictMath.PI * f / sampleRate;
        double alpha = StrictMath.sin(w) / (2 * q);
        double cos = StrictMath.cos(w);
        double a0 = 1 + alpha;
        return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /** A bell around {@code f} of {@code gainDb} (negative: a notch-like dip) and quality {@code q}. */
    static Biquad peak(int sampleRate, double f, double q, double gainDb) {
        double a = StrictMath.pow(10, gainDb / 40);
        double w = 2 * StrictMath.PI * f / sampleRate;
        double alpha = StrictMath.sin(w) / (2 * q);
        double cos = StrictMath.cos(w);
        double a0 = 1 + alpha / a;
        return new Biquad((1 + alpha * a) / a0, -2 * cos / a0, (1 - alpha * a) / a0, -2 * cos / a0,
                (1 - alpha / a) / a0);
    }

    /** Filters x in place, from rest. */
    void run(double[] x) {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y;
            x[i] = y;
        }
    }
}
