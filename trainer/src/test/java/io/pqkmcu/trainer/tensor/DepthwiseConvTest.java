package io.pqkmcu.trainer.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DepthwiseConv.forward against the definition summed tap by tap with fused multiply-adds from +0, the
 * order every path (scalar, per-pixel vector, register-blocked 3×3 interior) promises: equal bit for bit.
 */
class DepthwiseConvTest {

    private static float[] reference(Tensor x, float[] w, ConvGeometry g) {
        int c = x.c;
        float[] out = new float[x.n * g.outPixels() * c];
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        float acc = 0f;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                if (iy >= 0 && iy < x.h && ix >= 0 && ix < x.w) {
                                    acc = Math.fma(x.data[((b * x.h + iy) * x.w + ix) * c + ch],
                                            w[(ky * g.kw() + kx) * c + ch], acc);
                                }
                            }
                        }
                        out[((b * g.outH() + oy) * g.outW() + ox) * c + ch] = acc;
                    }
                }
            }
        }
        return out;
    }

    private static float[] random(int n, long seed) {
        float[] a = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void forwardMatchesTheDefinitionBitForBit() {
        int[][] shapes = { // h, w, c, kh, kw, stride, dilation, same (1) or valid (0)
            {25, 5, 64, 3, 3, 1, 1, 1}, // DS-CNN block
            {13, 3, 64, 3, 3, 2, 1, 1},
            {14, 14, 32, 3, 3, 2, 1, 1},
            {7, 9, 16, 3, 3, 1, 1, 0},
            {2, 2, 16, 3, 3, 1, 1, 1}, // no interior pixel
            {3, 3, 16, 3, 3, 1, 1, 0},
            {9, 8, 16, 3, 3, 1, 2, 1}, // dilated: per-pixel path
            {9, 8, 16, 5, 3, 1, 1, 1},
            {6, 5, 3, 3, 3, 1, 1, 1}, // channels not a whole vector: scalar loop
        };
        long seed = 1;
        for (int[] s : shapes) {
            ConvGeometry g = s[7] == 1 ? ConvGeometry.same(s[0], s[1], s[3], s[4], s[5], s[5], s[6], s[6])
                    : ConvGeometry.valid(s[0], s[1], s[3], s[4], s[5], s[5], s[6], s[6]);
            Tensor x = new Tensor(5, s[0], s[1], s[2]);
            System.arraycopy(random(x.data.length, seed++), 0, x.data, 0, x.data.length);
            float[] w = random(s[3] * s[4] * s[2], seed++);
            assertArrayEquals(reference(x, w, g), DepthwiseConv.forward(x, w, g).data, java.util.Arrays.toString(s));
        }
    }

    /** dx by the definition, in the order both paths promise: pixel by pixel, channel, then tap. */
    private static float[] referenceDx(Tensor x, float[] w, ConvGeometry g, float[] dy, double[] dw) {
        int c = x.c;
        float[] dx = new float[x.data.length];
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        float d = dy[((b * g.outH() + oy) * g.outW() + ox) * c + ch];
                        for (int ky = 0; ky < g.kh(); ky++) {
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                if (iy >= 0 && iy < x.h && ix >= 0 && ix < x.w) {
                                    int io = ((b * x.h + iy) * x.w + ix) * c + ch;
                                    int wo = (ky * g.kw() + kx) * c + ch;
                                    dx[io] = Math.fma(d, w[wo], dx[io]);
                                    dw[wo] += (double) d * x.data[io];
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    @Test
    void backwardMatchesTheDefinition() {
        int[][] shapes = {{25, 5, 64, 1, 1}, {13, 3, 64, 2, 1}, {9, 8, 16, 1, 2}, {6, 5, 3, 1, 1}}; // h, w, c, stride, dil
        long seed = 11;
        for (int[] s : shapes) {
            ConvGeometry g = ConvGeometry.same(s[0], s[1], 3, 3, s[3], s[3], s[4], s[4]);
            Tensor x = new Tensor(6, s[0], s[1], s[2]);
            System.arraycopy(random(x.data.length, seed++), 0, x.data, 0, x.data.length);
            float[] w = random(9 * s[2], seed++);
            Tensor dy = new Tensor(6, g.outH(), g.outW(), s[2]);
            System.arraycopy(random(dy.data.length, seed++), 0, dy.data, 0, dy.data.length);
            double[] dwRef = new double[w.length];
            float[] dxRef = referenceDx(x, w, g, dy.data, dwRef);
            float[] dw = new float[w.length];
            assertArrayEquals(dxRef, DepthwiseConv.backward(x, w, g, dy, dw).data, java.util.Arrays.toString(s));
            for (int i = 0; i < w.length; i++) {
                // dw sums per-chunk partials in float: equal to the double sum within rounding
                org.junit.jupiter.api.Assertions.assertEquals(dwRef[i], dw[i], 1e-4 * (1 + Math.abs(dwRef[i])));
            }
        }
    }

    @Test
    void aSumOfSignedZeroProductsIsPositiveZeroOnEveryPath() {
        // fma(-0, w, +0) = +0 where a plain first product would leave -0 all the way through
        ConvGeometry g = ConvGeometry.same(6, 6, 3, 3, 1, 1, 1, 1);
        Tensor x = new Tensor(2, 6, 6, 16);
        java.util.Arrays.fill(x.data, -0f);
        float[] w = random(9 * 16, 7);
        assertArrayEquals(reference(x, w, g), DepthwiseConv.forward(x, w, g).data);
    }

    @Test
    void interiorIsTheWindowsInsideTheInput() {
        // 25x5, SAME, stride 1: padding 1 on each side, so rows 1..23 and columns 1..3 see no padding
        assertArrayEquals(new int[] {1, 24, 1, 4}, DepthwiseConv.interior3x3(ConvGeometry.same(25, 5, 3, 3, 1, 1, 1, 1)));
        // 14 wide, stride 2, SAME: padding 0 before, 1 after; outputs 0..5 fit, output 6 reads column 14
        assertArrayEquals(new int[] {0, 6, 0, 6}, DepthwiseConv.interior3x3(ConvGeometry.same(14, 14, 3, 3, 2, 2, 1, 1)));
        assertNull(DepthwiseConv.interior3x3(ConvGeometry.same(2, 2, 3, 3, 1, 1, 1, 1)));
        assertNull(DepthwiseConv.interior3x3(ConvGeometry.same(9, 9, 3, 3, 1, 1, 2, 2)));
        assertNotNull(DepthwiseConv.interior3x3(ConvGeometry.valid(3, 3, 3, 3, 1, 1, 1, 1)));
    }
}
