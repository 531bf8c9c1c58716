package io.pqkmcu.trainer.tensor;

/**
 * Float depthwise convolution (multiplier 1), NHWC, weights [KH, KW, C]; parallel over the batch.
 *
 * <p>Each output pixel gathers its in-bounds taps once (offsets into input and weights), then runs
 * over the channels: with the Vector API when C is a whole number of vectors, else the scalar loop
 * below — both sum the taps in the same order with fused multiply-adds, so they agree bit for bit.
 */
public final class DepthwiseConv {
    private static final int BATCH_GRAIN = 4;

    private DepthwiseConv() {}

    /** Fills the offsets of the in-bounds taps of output pixel (b, oy, ox); returns their number. */
    private static int taps(Tensor x, ConvGeometry g, int b, int oy, int ox, int[] inOff, int[] wOff) {
        int n = 0;
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
                inOff[n] = ((b * x.h + iy) * x.w + ix) * x.c;
                wOff[n] = (ky * g.kw() + kx) * x.c;
                n++;
            }
        }
        return n;
    }

    private static boolean vectorChannels(int c) {
        return Gemm.vectorized() && c % VectorKernels.vectorLength() == 0;
    }

    public static Tensor forward(Tensor x, float[] w, ConvGeometry g) {
        int c = x.c;
        Tensor out = new Tensor(x.n, g.outH(), g.outW(), c);
        boolean vector = vectorChannels(c);
        Parallel.forChunks(x.n, BATCH_GRAIN, (chunk, from, to) -> {
            int[] inOff = new int[g.kh() * g.kw()];
            int[] wOff = new int[g.kh() * g.kw()];
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int o = ((b * g.outH() + oy) * g.outW() + ox) * c;
                        int taps = taps(x, g, b, oy, ox, inOff, wOff);
                        if (vector) {
                            VectorKernels.depthwisePixel(x.data, inOff, w, wOff, taps, out.data, o, c);
                            continue;
                        }
                        for (int ch = 0; ch < c; ch++) {
                            float acc = 0f;
                            for (int t = 0; t < taps; t++) {
                                acc = Math.fma(x.data[inOff[t] + ch], w[wOff[t] + ch], acc);
                            }
                            out.data[o + ch] = acc;
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
        boolean vector = vectorChannels(c);
        Parallel.forChunks(x.n, BATCH_GRAIN, (chunk, from, to) -> {
            float[] pw = partial[chunk];
            int[] inOff = new int[g.kh() * g.kw()];
            int[] wOff = new int[g.kh() * g.kw()];
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int o = ((b * g.outH() + oy) * g.outW() + ox) * c;
                        int taps = taps(x, g, b, oy, ox, inOff, wOff);
                        if (vector) {
                            VectorKernels.depthwisePixelBackward(x.data, dx.data, inOff, w, pw, wOff, taps, dy.data, o, c);
                            continue;
                        }
                        for (int ch = 0; ch < c; ch++) {
                            float d = dy.data[o + ch];
                            for (int t = 0; t < taps; t++) {
                                int io = inOff[t] + ch;
                                int wo = wOff[t] + ch;
                                dx.data[io] = Math.fma(d, w[wo], dx.data[io]);
                                pw[wo] = Math.fma(d, x.data[io], pw[wo]);
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
