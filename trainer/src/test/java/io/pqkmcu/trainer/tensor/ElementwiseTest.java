package io.pqkmcu.trainer.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Vector API element-wise kernels against their scalar twins, on values that stress the edge cases. */
class ElementwiseTest {
    private static float[] nasty(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        float[] special = {Float.NaN, 0f, -0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, 1e30f, -1e30f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 126.5f, 127.5f, -128.5f};
        for (int i = 0; i < n; i++) {
            v[i] = i % 7 == 0 ? special[(i / 7) % special.length] : (float) (r.nextGaussian() * 50);
        }
        return v;
    }

    @Test
    void fakeQuantVectorEqualsScalarBitForBit() {
        float[] x = nasty(1003, 1);
        for (float scale : new float[] {1f, 0.37f, 0.01f}) {
            for (int zp : new int[] {-128, 0, 17}) {
                float[] a = x.clone();
                float[] b = x.clone();
                BnActKernels.Quant q = new io.pqkmcu.trainer.quant.ActQuant(scale, zp).kernel();
                Elementwise.fakeQuant(a, 3, 1000, q);
                Elementwise.fakeQuantScalar(b, 3, 1000, q);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToRawIntBits(b[i]), Float.floatToRawIntBits(a[i]),
                            "x=" + x[i] + " scale=" + scale + " zp=" + zp + ": " + a[i] + " vs " + b[i]);
                }
            }
        }
    }

    @Test
    void fakeQuantRoundsHalfAwayFromZeroAndClamps() {
        float[] x = {0.5f, -0.5f, 1.5f, -1.5f, 200f, -200f, Float.NaN, -0.2f};
        Elementwise.fakeQuant(x, 0, x.length, new io.pqkmcu.trainer.quant.ActQuant(1, 0).kernel());
        assertArrayEquals(new float[] {1f, -1f, 2f, -2f, 127f, -128f, Float.NaN, 0f}, x);
    }

    @Test
    void minMaxIgnoresNaNAndMatchesScalar() {
        float[] x = nasty(517, 2);
        assertArrayEquals(Elementwise.minMaxScalar(x, 1, 515), Elementwise.minMax(x, 1, 515));
        float[] nan = {Float.NaN, Float.NaN};
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, Elementwise.minMax(nan, 0, 2));
    }

    @Test
    void gateVectorEqualsScalar() {
        float[] y = nasty(999, 3);
        float[] g = nasty(999, 4);
        float[] a = g.clone();
        float[] b = g.clone();
        Elementwise.gate(a, y, 0f, 6f, 0, 999);
        for (int i = 0; i < b.length; i++) {
            b[i] = (y[i] >= 0f & y[i] <= 6f) ? b[i] : 0f;
        }
        assertArrayEquals(b, a);
    }
}
