package io.pqkmcu.trainer.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API tiles of {@link Gemm}: 4 rows × 4 vectors, 4 × 1 and 1 × 1 blocks of fused
 * multiply-adds. Kept in their own class so that {@link Gemm} still loads, and falls back to its
 * scalar path, on a JVM started without {@code --add-modules jdk.incubator.vector}.
 */
final class VectorTiles {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();

    private VectorTiles() {}

    static void tile4x4(float[] a, int rs, int ps, float[] b, float[] c, int i0, int j, int p0, int p1, int n) {
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
        for (int p = p0; p < p1; p++) {
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

    static void tile4x1(float[] a, int rs, int ps, float[] b, float[] c, int i0, int j, int p0, int p1, int n) {
        int c0 = i0 * n + j;
        FloatVector x0 = FloatVector.fromArray(S, c, c0);
        FloatVector x1 = FloatVector.fromArray(S, c, c0 + n);
        FloatVector x2 = FloatVector.fromArray(S, c, c0 + 2 * n);
        FloatVector x3 = FloatVector.fromArray(S, c, c0 + 3 * n);
        int a0 = i0 * rs;
        for (int p = p0; p < p1; p++) {
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

    static void tile1x1(float[] a, int rs, int ps, float[] b, float[] c, int i, int j, int p0, int p1, int n) {
        int ci = i * n + j;
        FloatVector x = FloatVector.fromArray(S, c, ci);
        int a0 = i * rs;
        for (int p = p0; p < p1; p++) {
            x = FloatVector.broadcast(S, a[a0 + p * ps]).fma(FloatVector.fromArray(S, b, p * n + j), x);
        }
        x.intoArray(c, ci);
    }
}
