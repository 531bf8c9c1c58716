package io.pqkmcu.trainer.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Im2col.unfold against the definition, one tap at a time, over strides, dilations, padding and channels. */
class Im2colTest {

    private static float[] reference(Tensor x, ConvGeometry g) {
        int k = g.kh() * g.kw() * x.c;
        float[] col = new float[x.n * g.outPixels() * k];
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    int row = (b * g.outH() + oy) * g.outW() + ox;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                            int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                            for (int c = 0; c < x.c; c++) {
                                boolean in = iy >= 0 && iy < x.h && ix >= 0 && ix < x.w;
                                col[row * k + (ky * g.kw() + kx) * x.c + c] =
                                        in ? x.data[((b * x.h + iy) * x.w + ix) * x.c + c] : 0f;
                            }
                        }
                    }
                }
            }
        }
        return col;
    }

    private static Tensor random(int n, int h, int w, int c, long seed) {
        Tensor x = new Tensor(n, h, w, c);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void unfoldMatchesTheDefinition() {
        int[][] shapes = { // h, w, c, kh, kw, sh, sw, dh, dw, same (1) or valid (0)
            {49, 10, 1, 10, 4, 2, 2, 1, 1, 1}, // DS-CNN conv1 on MFCC
            {49, 10, 1, 10, 4, 2, 1, 1, 1, 1},
            {28, 28, 1, 3, 3, 1, 1, 1, 1, 1},
            {8, 7, 3, 3, 3, 2, 2, 1, 1, 1},
            {9, 9, 2, 3, 3, 1, 1, 2, 2, 1}, // dilated: one copy per tap
            {9, 6, 5, 3, 2, 1, 1, 1, 3, 0},
            {5, 5, 20, 3, 3, 1, 1, 1, 1, 1}, // runs longer than 16 floats
            {4, 3, 1, 4, 5, 1, 1, 1, 1, 1}, // kernel wider than the input
        };
        long seed = 1;
        for (int[] s : shapes) {
            ConvGeometry g = s[9] == 1 ? ConvGeometry.same(s[0], s[1], s[3], s[4], s[5], s[6], s[7], s[8])
                    : ConvGeometry.valid(s[0], s[1], s[3], s[4], s[5], s[6], s[7], s[8]);
            Tensor x = random(3, s[0], s[1], s[2], seed++);
            assertArrayEquals(reference(x, g), Im2col.unfold(x, g), java.util.Arrays.toString(s));
        }
    }
}
