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
}
