package io.pqkmcu.trainer.tensor;

/**
 * Row-major single-precision matrix products, parallel over fixed row blocks.
 *
 * <p>The innermost loops run over contiguous rows with a scalar multiplier ("axpy" form), which the
 * JIT vectorises; zero multipliers are skipped, which pays off after ReLU and for pruned weights.
 */
public final class Gemm {
    private static final int ROW_GRAIN = 16;

    private Gemm() {}

    /** C[M×N] (+)= A[M×K] · B[K×N]. */
    public static void mm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Parallel.forChunks(m, Parallel.grainFor(m, 32, ROW_GRAIN), (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                int cRow = i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, cRow, cRow + n, 0f);
                }
                int aRow = i * k;
                for (int p = 0; p < k; p++) {
                    float av = a[aRow + p];
                    if (av == 0f) {
                        continue;
                    }
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += av * b[bRow + j];
                    }
                }
            }
        });
    }

    /**
     * C[K×N] += Aᵀ · B for A[M×K], B[M×N] — the weight gradient of a layer computed as out = A · W.
     * Parallel over blocks of C's rows; each block walks all of M in order, so the sum order is fixed.
     */
    public static void mmTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        Parallel.forChunks(k, Parallel.grainFor(k, 16, 4), (chunk, from, to) -> {
            for (int r = 0; r < m; r++) {
                int aRow = r * k;
                int bRow = r * n;
                for (int p = from; p < to; p++) {
                    float av = a[aRow + p];
                    if (av == 0f) {
                        continue;
                    }
                    int cRow = p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += av * b[bRow + j];
                    }
                }
            }
        });
    }

    /** Returns Bᵀ for B[rows×cols]. */
    public static float[] transpose(float[] b, int rows, int cols) {
        float[] t = new float[b.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = b[r * cols + c];
            }
        }
        return t;
    }
}
