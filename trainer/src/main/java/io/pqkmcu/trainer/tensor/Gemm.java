package io.pqkmcu.trainer.tensor;

/**
 * Row-major single-precision matrix products, parallel over fixed row blocks.
 *
 * <p>The core is a register-blocked micro-kernel (4 rows × 4 vectors of accumulators, Vector API)
 * that streams one row of B and broadcasts four values of A per step of the reduction. Every output
 * element is computed as a chain of fused multiply-adds over the reduction index in increasing order,
 * in the vector lanes and in the scalar tail alike, so the result does not depend on the machine's
 * vector width or on the thread count.
 *
 * <p>Without the Vector API (a JVM started without {@code --add-modules jdk.incubator.vector}) the
 * scalar path computes the same FMA chains, bit for bit, only slower.
 *
 * <p>A is addressed through strides so that one kernel serves both C = A·B (A row-major [M×K]) and
 * C = Aᵀ·B (A row-major [K×M], the weight gradient of a layer).
 */
public final class Gemm {
    /** Whether the JVM has the Vector API; without it every product takes the scalar path. */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final int VL = VECTOR ? VectorTiles.VL : Integer.MAX_VALUE;
    private static final int ROWS = 4;
    /**
     * Reduction steps per pass over a row block. Long reductions (the weight gradient reduces over
     * batch × pixels) are cut into blocks so that the slices of A and B stay in cache while every row
     * block uses them; each output still sums its products in increasing order.
     */
    private static final int RED_BLOCK = 256;

    private Gemm() {}

    /** C[M×N] (+)= A[M×K] · B[K×N]. */
    public static void mm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        run(a, k, 1, b, c, m, k, n, accumulate, VECTOR);
    }

    /** {@link #mm} on the scalar path, for the test that both paths agree bit for bit. */
    static void mmScalar(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        run(a, k, 1, b, c, m, k, n, accumulate, false);
    }

    /**
     * C[K×N] += Aᵀ · B for A[M×K], B[M×N] — the weight gradient of a layer computed as out = A · W.
     * (Output row p reads column p of A; the reduction runs over A's rows.)
     */
    public static void mmTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        run(a, 1, k, b, c, k, m, n, true, VECTOR);
    }

    /**
     * C[rows×N] (+)= Â · B where Â[i][p] = a[i·rowStride + p·redStride] and B is [red×N].
     */
    private static void run(float[] a, int rowStride, int redStride, float[] b, float[] c, int rows, int red, int n,
                            boolean accumulate, boolean vector) {
        int blocks = (rows + ROWS - 1) / ROWS;
        // Row partitioning never changes a result (each output is one thread's FMA chain), so long
        // reductions use one chunk per thread: each thread then streams A and B once.
        int grain = red > RED_BLOCK ? Math.max(1, (blocks + Parallel.threads() - 1) / Parallel.threads())
                : Parallel.grainFor(blocks, 32, 2);
        Parallel.forChunks(blocks, grain, (chunk, from, to) -> {
            if (!accumulate) {
                int r0 = from * ROWS;
                int r1 = Math.min(rows, to * ROWS);
                java.util.Arrays.fill(c, r0 * n, r1 * n, 0f);
            }
            for (int p0 = 0; p0 < red; p0 += RED_BLOCK) {
                int p1 = Math.min(red, p0 + RED_BLOCK);
                for (int blk = from; blk < to; blk++) {
                    block(a, rowStride, redStride, b, c, blk * ROWS, Math.min(ROWS, rows - blk * ROWS), p0, p1, n, vector);
                }
            }
        });
    }

    /** Rows i0..i0+r−1 of C, reduction steps [p0, p1). */
    private static void block(float[] a, int rowStride, int redStride, float[] b, float[] c, int i0, int r, int p0, int p1,
                              int n, boolean vector) {
        int j = 0;
        if (vector && r == ROWS) {
            for (; j + 4 * VL <= n; j += 4 * VL) {
                VectorTiles.tile4x4(a, rowStride, redStride, b, c, i0, j, p0, p1, n);
            }
            for (; j + VL <= n; j += VL) {
                VectorTiles.tile4x1(a, rowStride, redStride, b, c, i0, j, p0, p1, n);
            }
        } else if (vector) {
            for (; j + VL <= n; j += VL) {
                for (int i = i0; i < i0 + r; i++) {
                    VectorTiles.tile1x1(a, rowStride, redStride, b, c, i, j, p0, p1, n);
                }
            }
        }
        if (j < n) {
            for (int i = i0; i < i0 + r; i++) {
                scalarTail(a, rowStride, redStride, b, c, i, j, p0, p1, n);
            }
        }
    }

    private static void scalarTail(float[] a, int rs, int ps, float[] b, float[] c, int i, int j0, int p0, int p1, int n) {
        int a0 = i * rs;
        for (int j = j0; j < n; j++) {
            float x = c[i * n + j];
            for (int p = p0; p < p1; p++) {
                x = Math.fma(a[a0 + p * ps], b[p * n + j], x);
            }
            c[i * n + j] = x;
        }
    }

    /**
     * {@code n} rounded up to a whole number of vectors: callers that can choose their row width pad to
     * it, because column tails narrower than a vector take the scalar path.
     */
    public static int paddedWidth(int n) {
        return VECTOR ? (n + VL - 1) / VL * VL : n;
    }

    /** Whether the Vector API paths are in use (same results either way, only speed differs). */
    public static boolean vectorized() {
        return VECTOR;
    }

    /** True when rows of width {@code n} need no scalar tail. */
    public static boolean vectorFriendly(int n) {
        return paddedWidth(n) == n;
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

    /** Vector width in floats on this machine, 1 without the Vector API (reported by benchmarks). */
    public static int vectorLength() {
        return VECTOR ? VL : 1;
    }
}
