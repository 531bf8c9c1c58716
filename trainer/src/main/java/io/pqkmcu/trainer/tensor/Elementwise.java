package io.pqkmcu.trainer.tensor;

/** Element-wise loops with a Vector API path where the JIT would not vectorise them itself. */
public final class Elementwise {
    private Elementwise() {}

    /** g[i] = lo ≤ y[i] ≤ hi ? g[i] : 0 over [from, to): the gradient gate of a clamp (ReLU, STE range). */
    public static void gate(float[] g, float[] y, float lo, float hi, int from, int to) {
        if (Gemm.vectorized()) {
            VectorKernels.gate(g, y, lo, hi, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            float v = y[i];
            g[i] = (v >= lo & v <= hi) ? g[i] : 0f;
        }
    }

    /**
     * Distance from a rounding midpoint below which the float product x·inv may round differently from
     * the exact x / divisor: their relative difference is at most about 2·2⁻²⁴ (inv and the product each
     * rounded once), 2.5e-4 at the 1024 cap, plus half an ulp of |v| + 0.5; 1/1024 leaves a margin of 3.
     */
    static final float MIDPOINT_BAND = 1f / 1024;

    /** Fake quantization in place, exactly ActQuant.fake (see {@link BnActKernels.Quant}). */
    public static void fakeQuant(float[] x, int from, int to, BnActKernels.Quant q) {
        if (Gemm.vectorized()) {
            VectorKernels.fakeQuant(x, from, to, q);
        } else {
            fakeQuantScalar(x, from, to, q);
        }
    }

    static void fakeQuantScalar(float[] x, int from, int to, BnActKernels.Quant q) {
        float inv = q.inv();
        float s = q.scale();
        float lo = q.lo();
        float hi = q.hi();
        for (int i = from; i < to; i++) {
            float v = x[i] * inv;
            float m = Math.min(Math.abs(v) + 0.5f, 1024f);
            float t = (m + 8388608f) - 8388608f;
            t = t > m ? t - 1f : t;
            float d = m - t;
            float r = d < MIDPOINT_BAND || d > 1f - MIDPOINT_BAND ? exactCode(x[i], q) : (v < 0f ? -t : t) + 0f;
            r = Math.min(Math.max(r, lo), hi);
            x[i] = v != v ? x[i] : r * s;
        }
    }

    /** round(x / divisor) in double, half away from zero, as ActQuant.quantize (NaN: the caller keeps x). */
    static float exactCode(float x, BnActKernels.Quant q) {
        double v = x / q.divisor();
        return v != v ? 0f : (float) Math.max(q.lo(), Math.min(q.hi(), io.pqkmcu.model.quant.QuantMath.roundHalfAway(v)));
    }

    /** {min, max} of x[from, to), ignoring NaN; {+inf, −inf} when empty or all NaN. */
    public static float[] minMax(float[] x, int from, int to) {
        return Gemm.vectorized() ? VectorKernels.minMax(x, from, to) : minMaxScalar(x, from, to);
    }

    static float[] minMaxScalar(float[] x, int from, int to) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = x[i];
            if (v == v) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new float[] {lo, hi};
    }
}
