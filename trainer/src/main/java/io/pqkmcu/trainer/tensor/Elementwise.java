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

    /** Fake quantization in place (see ActQuant.fakeInPlace): round half away from zero, clamp, rescale. */
    public static void fakeQuant(float[] x, int from, int to, float inv, float s, float lo, float hi) {
        if (Gemm.vectorized()) {
            VectorKernels.fakeQuant(x, from, to, inv, s, lo, hi);
        } else {
            fakeQuantScalar(x, from, to, inv, s, lo, hi);
        }
    }

    static void fakeQuantScalar(float[] x, int from, int to, float inv, float s, float lo, float hi) {
        for (int i = from; i < to; i++) {
            float v = x[i] * inv;
            float m = Math.min(Math.abs(v) + 0.5f, 1024f);
            float t = (m + 8388608f) - 8388608f;
            t = t > m ? t - 1f : t;
            float r = v < 0f ? -t : t;
            r = Math.min(Math.max(r, lo), hi);
            x[i] = v != v ? x[i] : r * s;
        }
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
