package io.pqkmcu.trainer.tensor;

/** Float depthwise convolution (multiplier 1), NHWC, weights [KH, KW, C]; parallel over the batch. */
public final class DepthwiseConv {
    private static final int BATCH_GRAIN = 4;

    private DepthwiseConv() {}

    public static Tensor forward(Tensor x, float[] w, ConvGeometry g) {
        int c = x.c;
        Tensor out = new Tensor(x.n, g.outH(), g.outW(), c);
        Parallel.forChunks(x.n, BATCH_GRAIN, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int o = ((b * g.outH() + oy) * g.outW() + ox) * c;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                            if (iy < 0 || iy >= x.h) {
                                continue;
                            }
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                if (ix < 0 || ix >= x.w) {
                                    continue;
                                }
                                int i = ((b * x.h + iy) * x.w + ix) * c;
                                int wk = (ky * g.kw() + kx) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    out.data[o + ch] += x.data[i + ch] * w[wk + ch];
                                }
                            }
                        }
                    }
                }
            }
        });
        return out;
    }

    /** Returns dx; adds the weight gradient into {@code dw} (chunk partials summed in chunk order). */
    public static Tensor backward(Tensor x, float[] w, ConvGeometry g, Tensor dy, float[] dw) {
        int c = x.c;
        Tensor dx = x.zerosLike();
        int chunks = Parallel.chunkCount(x.n, BATCH_GRAIN);
        float[][] partial = new float[chunks][w.length];
        Parallel.forChunks(x.n, BATCH_GRAIN, (chunk, from, to) -> {
            float[] pw = partial[chunk];
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int o = ((b * g.outH() + oy) * g.outW() + ox) * c;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilH();
                            if (iy < 0 || iy >= x.h) {
                                continue;
                            }
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilW();
                                if (ix < 0 || ix >= x.w) {
                                    continue;
                                }
                                int i = ((b * x.h + iy) * x.w + ix) * c;
                                int wk = (ky * g.kw() + kx) * c;
                                for (int ch = 0; ch < c; ch++) {
                                    float d = dy.data[o + ch];
                                    dx.data[i + ch] += d * w[wk + ch];
                                    pw[wk + ch] += d * x.data[i + ch];
                                }
                            }
                        }
                    }
                }
            }
        });
        for (float[] p : partial) {
            for (int i = 0; i < dw.length; i++) {
                dw[i] += p[i];
            }
        }
        return dx;
    }
}
