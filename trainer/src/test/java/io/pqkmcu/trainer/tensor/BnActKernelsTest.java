package io.pqkmcu.trainer.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused BatchNorm/activation/quantization kernels: vector and scalar twins agree bit for bit. */
class BnActKernelsTest {
    private static final int C = 32;
    private static final int ROWS = 777;

    private static float[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale + (i % C) * 0.1);
        }
        return v;
    }

    @Test
    void statsAgreeAndAreAccurate() {
        float[] z = random(ROWS * C, 1, 3.0);
        BnActKernels.Stats v = BnActKernels.stats(z, ROWS, C, Gemm.vectorized());
        BnActKernels.Stats s = BnActKernels.stats(z, ROWS, C, false);
        assertArrayEquals(s.mean(), v.mean());
        assertArrayEquals(s.variance(), v.variance());
        assertArrayEquals(s.min(), v.min());
        assertArrayEquals(s.max(), v.max());
        for (int c = 0; c < C; c++) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < ROWS; r++) {
                sum += z[r * C + c];
            }
            double mean = sum / ROWS;
            for (int r = 0; r < ROWS; r++) {
                sq += (z[r * C + c] - mean) * (z[r * C + c] - mean);
            }
            assertEquals(mean, v.mean()[c], 1e-5);
            assertEquals(sq / ROWS, v.variance()[c], 1e-4);
        }
    }

    @Test
    void minMaxIsTheExactPerChannelRangeAndPropagatesNaN() {
        float[] z = random(ROWS * C, 3, 2.0);
        z[500 * C + 7] = Float.NaN;
        float[][] mm = BnActKernels.minMax(z, ROWS, C);
        for (int c = 0; c < C; c++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < ROWS; r++) {
                lo = Math.min(lo, z[r * C + c]);
                hi = Math.max(hi, z[r * C + c]);
            }
            assertEquals(lo, mm[0][c], "min of channel " + c);
            assertEquals(hi, mm[1][c], "max of channel " + c);
        }
        assertTrue(Float.isNaN(mm[0][7]) && Float.isNaN(mm[1][7]));
    }

    @Test
    void inferenceForwardWithoutXhatComputesTheSameOutput() {
        float[] z = random(ROWS * C, 4, 3.0);
        float[] mean = random(C, 5, 0.5);
        float[] inv = new float[C];
        java.util.Arrays.fill(inv, 0.7f);
        float[] gamma = random(C, 6, 1.0);
        float[] beta = random(C, 7, 0.3);
        BnActKernels.Quant q = new io.pqkmcu.trainer.quant.ActQuant(0.05, 0).kernel();
        float[] a = z.clone();
        float[] b = z.clone();
        BnActKernels.forward(a, ROWS, C, mean, inv, gamma, beta, 0f, 6f, new float[z.length], q);
        BnActKernels.forward(b, ROWS, C, mean, inv, gamma, beta, 0f, 6f, null, q);
        assertArrayEquals(a, b);
    }

    @Test
    void forwardAndBackwardAgreeWithAndWithoutQuantization() {
        float[] mean = random(C, 2, 0.5);
        float[] inv = random(C, 3, 0.2);
        float[] gamma = random(C, 4, 1.0);
        float[] beta = random(C, 5, 0.3);
        for (int i = 0; i < C; i++) {
            inv[i] = Math.abs(inv[i]) + 0.5f;
        }
        for (BnActKernels.Quant q : new BnActKernels.Quant[] {null, new io.pqkmcu.trainer.quant.ActQuant(0.025, -128).kernel()}) {
            for (boolean batch : new boolean[] {true, false}) {
                float[] z = random(ROWS * C, 6, 2.0);
                float[][] out = new float[2][];
                float[][] grads = new float[2][];
                float[][][] sums = new float[2][][];
                for (int path = 0; path < 2; path++) {
                    boolean vector = path == 0 && Gemm.vectorized();
                    float[] zz = z.clone();
                    float[] xhat = new float[zz.length];
                    BnActKernels.forward(zz, ROWS, C, mean, inv, gamma, beta, 0f, 6f, xhat, q, vector);
                    float[] g = random(ROWS * C, 7, 1.0);
                    sums[path] = BnActKernels.backward(g, xhat, ROWS, C, Float.MIN_VALUE, Math.nextDown(6f), gamma, beta,
                            inv, batch, vector);
                    out[path] = zz;
                    grads[path] = g;
                }
                assertArrayEquals(out[1], out[0], "forward, quant " + (q != null));
                assertArrayEquals(grads[1], grads[0], "backward, batch " + batch);
                assertArrayEquals(sums[1][0], sums[0][0]);
                assertArrayEquals(sums[1][1], sums[0][1]);
            }
        }
    }

    @Test
    void outputsAreClampedAndOnTheQuantizationGrid() {
        float[] z = random(ROWS * C, 8, 5.0);
        float[] ones = new float[C];
        java.util.Arrays.fill(ones, 1f);
        float[] zeros = new float[C];
        float[] xhat = new float[z.length];
        BnActKernels.forward(z, ROWS, C, zeros, ones, ones, zeros, 0f, 6f, xhat,
                new io.pqkmcu.trainer.quant.ActQuant(0.025, -128).kernel());
        for (int i = 0; i < z.length; i++) {
            assertTrue(z[i] >= 0f && z[i] <= 6f);
            float code = z[i] / 0.025f;
            assertEquals(Math.round(code), code, 1e-3, "on the grid");
        }
    }
}
