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
        Parallel.forChunks(x.n, 4, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int row = (b * g.outH() + oy) * g.outW() + ox;
                        int dst = row * k;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                            for (int kx = 0; kx < g.kw(); kx++, dst += x.c) {
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) {
                                    continue; // stays zero: padding
                                }
                                System.arraycopy(x.data, ((b * x.h + iy) * x.w + ix) * x.c, col, dst, x.c);
                            }
                        }
                    }
                }
            }
        });
        return col;
    }

    /**
     * Adds each column-matrix gradient back to the input position it came from.
     *
     * @param rowStride floats per row of {@code dcol} (≥ kh·kw·c; rows may be padded for the GEMM)
     */
    public static Tensor fold(float[] dcol, int rowStride, int n, int h, int w, int c, ConvGeometry g) {
        Tensor dx = new Tensor(n, h, w, c);
        int k = rowStride;
        Parallel.forChunks(n, 4, (chunk, from, to) -> {
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
