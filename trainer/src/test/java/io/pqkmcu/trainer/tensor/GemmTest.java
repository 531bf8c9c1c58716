package io.pqkmcu.trainer.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The blocked GEMM against a plain double-precision product, on shapes that hit every tile path. */
class GemmTest {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Test
    void productMatchesReferenceOnAwkwardShapes() {
        int[][] shapes = {{1, 1, 1}, {5, 3, 7}, {4, 64, 64}, {13, 40, 64}, {9, 17, 100}, {100, 64, 12}, {7, 9, 33}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = random(m * k, 1);
            float[] b = random(k * n, 2);
            float[] c = random(m * n, 3);
            float[] acc = c.clone();
            Gemm.mm(a, b, c, m, k, n, false);
            Gemm.mm(a, b, acc, m, k, n, true);
            float[] at = Gemm.transpose(a, m, k);
            float[] t = new float[k * n];
            float[] bt = random(m * n, 4);
            Gemm.mmTransA(a, bt, t, m, k, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double ref = 0;
                    for (int p = 0; p < k; p++) {
                        ref += (double) a[i * k + p] * b[p * n + j];
                    }
                    assertEquals(ref, c[i * n + j], 1e-4, "mm " + m + "x" + k + "x" + n);
                }
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    double ref = 0;
                    for (int i = 0; i < m; i++) {
                        ref += (double) at[p * m + i] * bt[i * n + j];
                    }
                    assertEquals(ref, t[p * n + j], 1e-4, "mmTransA " + m + "x" + k + "x" + n);
                }
            }
        }
    }

    @Test
    void scalarAndVectorPathsAgreeBitForBit() {
        for (int[] s : new int[][] {{13, 40, 64}, {8, 64, 70}, {5, 3, 7}}) {
            float[] a = random(s[0] * s[1], 7);
            float[] b = random(s[1] * s[2], 8);
            float[] v = new float[s[0] * s[2]];
            float[] sc = new float[s[0] * s[2]];
            Gemm.mm(a, b, v, s[0], s[1], s[2], false);
            Gemm.mmScalar(a, b, sc, s[0], s[1], s[2], false);
            assertArrayEquals(sc, v, "vector width " + Gemm.vectorLength());
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        float[] a = random(203 * 37, 5);
        float[] b = random(37 * 70, 6);
        float[] one = new float[203 * 70];
        float[] two = new float[203 * 70];
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Gemm.mm(a, b, one, 203, 37, 70, false);
            Parallel.setThreads(3);
            Gemm.mm(a, b, two, 203, 37, 70, false);
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(one, two);
    }
}
