package io.pqkmcu.trainer.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-major single-precision matrix products, parallel over fixed row blocks.
 *
 * <p>The core is a register-blocked micro-kernel (4 rows × 4 vectors of accumulators, Vector API)
 * that streams one row of B and broadcasts four values of A per step of the reduction. Every output
 * element is computed as a chain of fused multiply-adds over the reduction index in increasing order,
 * in the vector lanes and in the scalar tail alike, so the result does not depend on the machine's
 * vector width or on the thread count.
 *
 * <p>A is addressed through strides so that one kernel serves both C = A·B (A row-major [M×K]) and
 * C = Aᵀ·B (A row-major [K×M], the weight gradient of a layer).
 */
public final class Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    private static final int ROWS = 4;

    private Gemm() {}

    /** C[M×N] (+)= A[M×K] · B[K×N]. */
    public static void mm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        run(a, k, 1, b, c, m, k, n, accumulate);
    }

    /**
     * C[K×N] += Aᵀ · B for A[M×K], B[M×N] — the weight gradient of a layer computed as out = A · W.
     * (Output row p reads column p of A; the reduction runs over A's rows.)
     */
    public static void mmTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        run(a, 1, k, b, c, k, m, n, true);
    }

    /**
     * C[rows×N] (+)= Â · B where Â[i][p] = a[i·rowStride + p·redStride] and B is [red×N].
     */
    private static void run(float[] a, int rowStride, int redStride, float[] b, float[] c, int rows, int red, int n,
                            boolean accumulate) {
        int blocks = (rows + ROWS - 1) / ROWS;
        Parallel.forChunks(blocks, Parallel.grainFor(blocks, 32, 2), (chunk, from, to) -> {
            for (int blk = from; blk < to; blk++) {
                int i0 = blk * ROWS;
                int r = Math.min(ROWS, rows - i0);
                if (!accumulate) {
                    java.util.Arrays.fill(c, i0 * n, (i0 + r) * n, 0f);
                }
                int j = 0;
                if (r == ROWS) {
                    for (; j + 4 * VL <= n; j += 4 * VL) {
                        tile4x4(a, rowStride, redStride, b, c, i0, j, red, n);
                    }
                    for (; j + VL <= n; j += VL) {
                        tile4x1(a, rowStride, redStride, b, c, i0, j, red, n);
                    }
                } else {
                    for (; j + VL <= n; j += VL) {
                        for (int i = i0; i < i0 + r; i++) {
                            tile1x1(a, rowStride, redStride, b, c, i, j, red, n);
                        }
                    }
                }
                if (j < n) {
                    for (int i = i0; i < i0 + r; i++) {
                        scalarTail(a, rowStride, redStride, b, c, i, j, red, n);
                    }
                }
            }
        });
    }

    private static void tile4x4(float[] a, int rs, int ps, float[] b, float[] c, int i0, int j, int red, int n) {
        int c0 = i0 * n + j;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        FloatVector x00 = FloatVector.fromArray(S, c, c0);
        FloatVector x01 = FloatVector.fromArray(S, c, c0 + VL);
        FloatVector x02 = FloatVector.fromArray(S, c, c0 + 2 * VL);
        FloatVector x03 = FloatVector.fromArray(S, c, c0 + 3 * VL);
        FloatVector x10 = FloatVector.fromArray(S, c, c1);
        FloatVector x11 = FloatVector.fromArray(S, c, c1 + VL);
        FloatVector x12 = FloatVector.fromArray(S, c, c1 + 2 * VL);
        FloatVector x13 = FloatVector.fromArray(S, c, c1 + 3 * VL);
        FloatVector x20 = FloatVector.fromArray(S, c, c2);
        FloatVector x21 = FloatVector.fromArray(S, c, c2 + VL);
        FloatVector x22 = FloatVector.fromArray(S, c, c2 + 2 * VL);
        FloatVector x23 = FloatVector.fromArray(S, c, c2 + 3 * VL);
        FloatVector x30 = FloatVector.fromArray(S, c, c3);
        FloatVector x31 = FloatVector.fromArray(S, c, c3 + VL);
        FloatVector x32 = FloatVector.fromArray(S, c, c3 + 2 * VL);
        FloatVector x33 = FloatVector.fromArray(S, c, c3 + 3 * VL);
        int a0 = i0 * rs;
        for (int p = 0; p < red; p++) {
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + VL);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * VL);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + 3 * VL);
            int ap = a0 + p * ps;
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            x00 = v.fma(b0, x00);
            x01 = v.fma(b1, x01);
            x02 = v.fma(b2, x02);
            x03 = v.fma(b3, x03);
            v = FloatVector.broadcast(S, a[ap + rs]);
            x10 = v.fma(b0, x10);
            x11 = v.fma(b1, x11);
            x12 = v.fma(b2, x12);
            x13 = v.fma(b3, x13);
            v = FloatVector.broadcast(S, a[ap + 2 * rs]);
            x20 = v.fma(b0, x20);
            x21 = v.fma(b1, x21);
            x22 = v.fma(b2, x22);
            x23 = v.fma(b3, x23);
            v = FloatVector.broadcast(S, a[ap + 3 * rs]);
            x30 = v.fma(b0, x30);
            x31 = v.fma(b1, x31);
            x32 = v.fma(b2, x32);
            x33 = v.fma(b3, x33);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + VL);
        x02.intoArray(c, c0 + 2 * VL);
        x03.intoArray(c, c0 + 3 * VL);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + VL);
        x12.intoArray(c, c1 + 2 * VL);
        x13.intoArray(c, c1 + 3 * VL);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + VL);
        x22.intoArray(c, c2 + 2 * VL);
        x23.intoArray(c, c2 + 3 * VL);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + VL);
        x32.intoArray(c, c3 + 2 * VL);
        x33.intoArray(c, c3 + 3 * VL);
    }

    private static void tile4x1(float[] a, int rs, int ps, float[] b, float[] c, int i0, int j, int red, int n) {
        int c0 = i0 * n + j;
        FloatVector x0 = FloatVector.fromArray(S, c, c0);
        FloatVector x1 = FloatVector.fromArray(S, c, c0 + n);
        FloatVector x2 = FloatVector.fromArray(S, c, c0 + 2 * n);
        FloatVector x3 = FloatVector.fromArray(S, c, c0 + 3 * n);
        int a0 = i0 * rs;
        for (int p = 0; p < red; p++) {
            FloatVector bv = FloatVector.fromArray(S, b, p * n + j);
            int ap = a0 + p * ps;
            x0 = FloatVector.broadcast(S, a[ap]).fma(bv, x0);
            x1 = FloatVector.broadcast(S, a[ap + rs]).fma(bv, x1);
            x2 = FloatVector.broadcast(S, a[ap + 2 * rs]).fma(bv, x2);
            x3 = FloatVector.broadcast(S, a[ap + 3 * rs]).fma(bv, x3);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + n);
        x2.intoArray(c, c0 + 2 * n);
        x3.intoArray(c, c0 + 3 * n);
    }

    private static void tile1x1(float[] a, int rs, int ps, float[] b, float[] c, int i, int j, int red, int n) {
        int ci = i * n + j;
        FloatVector x = FloatVector.fromArray(S, c, ci);
        int a0 = i * rs;
        for (int p = 0; p < red; p++) {
            x = FloatVector.broadcast(S, a[a0 + p * ps]).fma(FloatVector.fromArray(S, b, p * n + j), x);
        }
        x.intoArray(c, ci);
    }

    private static void scalarTail(float[] a, int rs, int ps, float[] b, float[] c, int i, int j0, int red, int n) {
        int a0 = i * rs;
        for (int j = j0; j < n; j++) {
            float x = c[i * n + j];
            for (int p = 0; p < red; p++) {
                x = Math.fma(a[a0 + p * ps], b[p * n + j], x);
            }
            c[i * n + j] = x;
        }
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

    /** Vector width in floats on this machine (reported by benchmarks). */
    public static int vectorLength() {
        return VL;
    }
}
