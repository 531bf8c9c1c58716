package io.pqkmcu.trainer.tensor;

/**
 * Unfolds convolution windows into rows ([n·outH·outW, kh·kw·c], column order [ky][kx][c] to match
 * the weight layout [C_OUT, KH, KW, C_IN]) and folds gradients back.
 */
public final class Im2col {
    private Im2col() {}

    public static float[] unfold(Tensor x, ConvGeometry g) {
        int k = g.kh() * g.kw() * x.c;
        int rows = x.n * g.outPixels();
        float[] col = new float[rows * k];
        Parallel.forChunks(x.n, Parallel.SAMPLE_GRAIN, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int row = (b * g.outH() + oy) * g.outW() + ox;
                        int dst = row * k;
                        int ix0 = ox * g.strideW() - g.padLeft();
                        for (int ky = 0; ky < g.kh(); ky++, dst += g.kw() * x.c) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                            if (iy < 0 || iy >= x.h) {
                                continue; // stays zero: padding
                            }
                            int rowBase = (b * x.h + iy) * x.w;
                            if (g.dilW() == 1) {
                                // The in-bounds taps of a kernel row are one contiguous run of the input row:
                                // one copy instead of one per tap (with C = 1, as for MFCC input, a tap is 1 float).
                                int kx0 = Math.max(0, -ix0);
                                int kx1 = Math.min(g.kw(), x.w - ix0);
                                if (kx1 > kx0) {
                                    copy(x.data, (rowBase + ix0 + kx0) * x.c, col, dst + kx0 * x.c, (kx1 - kx0) * x.c);
                                }
                                continue;
                            }
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int ix = ix0 + kx * g.dilW();
                                if (ix >= 0 && ix < x.w) {
                                    copy(x.data, (rowBase + ix) * x.c, col, dst + kx * x.c, x.c);
                                }
                            }
                        }
                    }
                }
            }
        });
        return col;
    }

    /** System.arraycopy pays a call for every run; the few floats of a short run are cheaper copied inline. */
    private static void copy(float[] src, int from, float[] dst, int to, int length) {
        if (length > 16) {
            System.arraycopy(src, from, dst, to, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            dst[to + i] = src[from + i];
        }
    }

    /**
     * Adds each column-matrix gradient back to the input position it came from.
     *
     * @param rowStride floats per row of {@code dcol} (≥ kh·kw·c; rows may be padded for the GEMM)
     */
    public static Tensor fold(float[] dcol, int rowStride, int n, int h, int w, int c, ConvGeometry g) {
        Tensor dx = new Tensor(n, h, w, c);
        int k = rowStride;
        Parallel.forChunks(n, Parallel.SAMPLE_GRAIN, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int src = ((b * g.outH() + oy) * g.outW() + ox) * k;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                            for (int kx = 0; kx < g.kw(); kx++, src += c) {
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                int dst = ((b * h + iy) * w + ix) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    dx.data[dst + ch] += dcol[src + ch];
                                }
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }
}
