package io.pqkmcu.trainer.tensor;

/**
 * Float depthwise convolution (multiplier 1), NHWC, weights [KH, KW, C]; parallel over the batch.
 *
 * <p>Each output pixel's in-bounds taps (offsets into input and weights) are found once per call, then
 * each pixel runs over the channels: with the Vector API when C is a whole number of vectors, else the scalar loop
 * below — both sum the taps in the same order with fused multiply-adds, so they agree bit for bit.
 */
public final class DepthwiseConv {
    private DepthwiseConv() {}

    /**
     * The in-bounds taps of every output pixel (row-major), as offsets into one sample's input and into
     * the weights. They are the same for every sample, so they are found once per call, not per pixel and
     * sample; a sample's input offset is added where they are used.
     */
    private record PixelTaps(int[][] in, int[][] w) {
        static PixelTaps of(Tensor x, ConvGeometry g) {
            int[][] in = new int[g.outPixels()][];
            int[][] w = new int[g.outPixels()][];
            int[] inOff = new int[g.kh() * g.kw()];
            int[] wOff = new int[g.kh() * g.kw()];
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
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
                            inOff[n] = (iy * x.w + ix) * x.c;
                            wOff[n] = (ky * g.kw() + kx) * x.c;
                            n++;
                        }
                    }
                    in[oy * g.outW() + ox] = java.util.Arrays.copyOf(inOff, n);
                    w[oy * g.outW() + ox] = java.util.Arrays.copyOf(wOff, n);
                }
            }
            return new PixelTaps(in, w);
        }
    }

    private static boolean vectorChannels(int c) {
        return Gemm.vectorized() && c % VectorKernels.vectorLength() == 0;
    }

    /**
     * {oy0, oy1, ox0, ox1}: the output pixels whose 3×3 window lies inside the input (the register-blocked
     * path), or null when the kernel is not 3×3 with dilation 1 or no pixel is interior.
     */
    static int[] interior3x3(ConvGeometry g) {
        if (g.kh() != 3 || g.kw() != 3 || g.dilH() != 1 || g.dilW() != 1) {
            return null;
        }
        int[] y = interiorRange(g.padTop(), g.strideH(), g.inH(), g.outH());
        int[] x = interiorRange(g.padLeft(), g.strideW(), g.inW(), g.outW());
        return y[1] > y[0] && x[1] > x[0] ? new int[] {y[0], y[1], x[0], x[1]} : null;
    }

    /** Outputs o in [lo, hi) with 0 ≤ o·stride − pad and o·stride − pad + 2 < in. */
    private static int[] interiorRange(int pad, int stride, int in, int out) {
        int lo = (pad + stride - 1) / stride;
        int hi = in - 3 + pad < 0 ? 0 : Math.min(out, (in - 3 + pad) / stride + 1);
        return new int[] {lo, Math.max(lo, hi)};
    }

    public static Tensor forward(Tensor x, float[] w, ConvGeometry g) {
        int c = x.c;
        Tensor out = new Tensor(x.n, g.outH(), g.outW(), c);
        boolean vector = vectorChannels(c);
        int[] interior = vector ? interior3x3(g) : null;
        PixelTaps taps = PixelTaps.of(x, g);
        int sampleSize = x.h * x.w * c;
        Parallel.forChunks(x.n, Parallel.SAMPLE_GRAIN, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                if (interior != null) {
                    VectorKernels.depthwise3x3Interior(x.data, w, out.data, g, x.h, x.w, c, b, interior[0], interior[1],
                            interior[2], interior[3]);
                }
                int base = b * sampleSize;
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        if (interior != null && oy >= interior[0] && oy < interior[1] && ox >= interior[2]
                                && ox < interior[3]) {
                            continue;
                        }
                        int p = oy * g.outW() + ox;
                        int o = (b * g.outPixels() + p) * c;
                        int[] inOff = taps.in[p];
                        int[] wOff = taps.w[p];
                        if (vector) {
                            VectorKernels.depthwisePixel(x.data, base, inOff, w, wOff, out.data, o, c);
                            continue;
                        }
                        for (int ch = 0; ch < c; ch++) {
                            float acc = 0f;
                            for (int t = 0; t < inOff.length; t++) {
                                acc = Math.fma(x.data[base + inOff[t] + ch], w[wOff[t] + ch], acc);
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
        int chunks = Parallel.chunkCount(x.n, Parallel.SAMPLE_GRAIN);
        float[][] partial = new float[chunks][w.length];
        boolean vector = vectorChannels(c);
        PixelTaps taps = PixelTaps.of(x, g);
        int sampleSize = x.h * x.w * c;
        Parallel.forChunks(x.n, Parallel.SAMPLE_GRAIN, (chunk, from, to) -> {
            float[] pw = partial[chunk];
            for (int b = from; b < to; b++) {
                int base = b * sampleSize;
                for (int p = 0; p < g.outPixels(); p++) {
                    int o = (b * g.outPixels() + p) * c;
                    int[] inOff = taps.in[p];
                    int[] wOff = taps.w[p];
                    if (vector) {
                        VectorKernels.depthwisePixelBackward(x.data, dx.data, base, inOff, w, pw, wOff, dy.data, o, c);
                        continue;
                    }
                    for (int ch = 0; ch < c; ch++) {
                        float d = dy.data[o + ch];
                        for (int t = 0; t < inOff.length; t++) {
                            int io = base + inOff[t] + ch;
                            int wo = wOff[t] + ch;
                            dx.data[io] = Math.fma(d, w[wo], dx.data[io]);
                            pw[wo] = Math.fma(d, x.data[io], pw[wo]);
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
