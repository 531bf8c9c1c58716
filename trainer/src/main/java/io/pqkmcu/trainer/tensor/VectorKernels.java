package io.pqkmcu.trainer.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the element-wise and depthwise loops that the JIT does not vectorise by
 * itself. Loaded only when the Vector API is present (see {@link Gemm}); each computes exactly what its
 * scalar twin computes (same operations, fused multiply-adds in the same order).
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();

    private VectorKernels() {}

    /** g[i] = lo ≤ y[i] ≤ hi ? g[i] : 0 for i in [from, to). NaN in y closes the gate. */
    static void gate(float[] g, float[] y, float lo, float hi, int from, int to) {
        int i = from;
        for (; i + VL <= to; i += VL) {
            FloatVector v = FloatVector.fromArray(S, y, i);
            VectorMask<Float> open = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi));
            FloatVector.fromArray(S, g, i).blend(0f, open.not()).intoArray(g, i);
        }
        for (; i < to; i++) {
            float v = y[i];
            g[i] = (v >= lo & v <= hi) ? g[i] : 0f;
        }
    }

    /**
     * Per-channel extremes of rows [from, to) of a [rows][channels] array (channels a multiple of VL),
     * folded into mn/mx. Lane-wise MIN/MAX are Math.min/max, so NaN propagates as in the scalar loop.
     */
    static void channelMinMax(float[] z, int from, int to, int channels, float[] mn, float[] mx) {
        for (int c = 0; c < channels; c += VL) {
            FloatVector lo = FloatVector.fromArray(S, mn, c);
            FloatVector hi = FloatVector.fromArray(S, mx, c);
            for (int r = from; r < to; r++) {
                FloatVector v = FloatVector.fromArray(S, z, r * channels + c);
                lo = lo.min(v);
                hi = hi.max(v);
            }
            lo.intoArray(mn, c);
            hi.intoArray(mx, c);
        }
    }

    /**
     * One output pixel of a depthwise convolution over all channels (c a multiple of VL):
     * out[o + ch] = Σ over the given taps of in[base + inOffsets[t] + ch] · w[wOffsets[t] + ch], in tap order.
     */
    static void depthwisePixel(float[] in, int base, int[] inOffsets, float[] w, int[] wOffsets, float[] out, int o,
                               int c) {
        for (int ch = 0; ch < c; ch += VL) {
            FloatVector acc = FloatVector.zero(S);
            for (int t = 0; t < inOffsets.length; t++) {
                acc = FloatVector.fromArray(S, in, base + inOffsets[t] + ch)
                        .fma(FloatVector.fromArray(S, w, wOffsets[t] + ch), acc);
            }
            acc.intoArray(out, o + ch);
        }
    }

    /**
     * The interior output pixels (every tap in bounds) of a 3×3 depthwise convolution with dilation 1, one
     * channel block [ch, ch + VL) at a time: the block's nine weight vectors stay in registers for the whole
     * image instead of being reloaded at every pixel. Taps are summed in {@link #depthwisePixel}'s order
     * (row-major from zero), so each output is the same float. Rows [oy0, oy1) × columns [ox0, ox1) of
     * sample {@code b} must be interior.
     */
    static void depthwise3x3Interior(float[] in, float[] w, float[] out, ConvGeometry g, int h, int width, int c, int b,
                                     int oy0, int oy1, int ox0, int ox1) {
        int rowStride = width * c;
        int sx = g.strideW() * c;
        FloatVector zero = FloatVector.zero(S);
        for (int ch = 0; ch < c; ch += VL) {
            FloatVector w0 = FloatVector.fromArray(S, w, ch);
            FloatVector w1 = FloatVector.fromArray(S, w, c + ch);
            FloatVector w2 = FloatVector.fromArray(S, w, 2 * c + ch);
            FloatVector w3 = FloatVector.fromArray(S, w, 3 * c + ch);
            FloatVector w4 = FloatVector.fromArray(S, w, 4 * c + ch);
            FloatVector w5 = FloatVector.fromArray(S, w, 5 * c + ch);
            FloatVector w6 = FloatVector.fromArray(S, w, 6 * c + ch);
            FloatVector w7 = FloatVector.fromArray(S, w, 7 * c + ch);
            FloatVector w8 = FloatVector.fromArray(S, w, 8 * c + ch);
            for (int oy = oy0; oy < oy1; oy++) {
                int iy = oy * g.strideH() - g.padTop();
                int i = ((b * h + iy) * width + ox0 * g.strideW() - g.padLeft()) * c + ch;
                int o = ((b * g.outH() + oy) * g.outW() + ox0) * c + ch;
                for (int ox = ox0; ox < ox1; ox++, i += sx, o += c) {
                    // fma onto +0 as depthwisePixel starts: a product of -0 then also ends +0
                    FloatVector acc = FloatVector.fromArray(S, in, i).fma(w0, zero);
                    acc = FloatVector.fromArray(S, in, i + c).fma(w1, acc);
                    acc = FloatVector.fromArray(S, in, i + 2 * c).fma(w2, acc);
                    int j = i + rowStride;
                    acc = FloatVector.fromArray(S, in, j).fma(w3, acc);
                    acc = FloatVector.fromArray(S, in, j + c).fma(w4, acc);
                    acc = FloatVector.fromArray(S, in, j + 2 * c).fma(w5, acc);
                    j += rowStride;
                    acc = FloatVector.fromArray(S, in, j).fma(w6, acc);
                    acc = FloatVector.fromArray(S, in, j + c).fma(w7, acc);
                    acc = FloatVector.fromArray(S, in, j + 2 * c).fma(w8, acc);
                    acc.intoArray(out, o);
                }
            }
        }
    }

    /** Backward of {@link #depthwisePixel}: dx[in] += dy·w, dw[w] += dy·x, tap by tap. */
    static void depthwisePixelBackward(float[] x, float[] dx, int base, int[] inOffsets, float[] w, float[] dw,
                                       int[] wOffsets, float[] dy, int o, int c) {
        for (int ch = 0; ch < c; ch += VL) {
            FloatVector d = FloatVector.fromArray(S, dy, o + ch);
            for (int t = 0; t < inOffsets.length; t++) {
                int io = base + inOffsets[t] + ch;
                int wo = wOffsets[t] + ch;
                d.fma(FloatVector.fromArray(S, w, wo), FloatVector.fromArray(S, dx, io)).intoArray(dx, io);
                d.fma(FloatVector.fromArray(S, x, io), FloatVector.fromArray(S, dw, wo)).intoArray(dw, wo);
            }
        }
    }

    /**
     * Fake quantization in place: v = x·inv, r = sign(v)·floor(min(|v| + 0.5, 1024)) (round half away
     * from zero; the cap is far outside any int8 range), clamped to [lo, hi], x = r·s; NaN stays NaN.
     * A vector with a lane near a rounding midpoint goes to the scalar twin in Elementwise, which decides
     * those lanes by the exact double division.
     */
    static void fakeQuant(float[] x, int from, int to, BnActKernels.Quant q) {
        int i = from;
        for (; i + VL <= to; i += VL) {
            FloatVector r = fake(FloatVector.fromArray(S, x, i), q);
            if (r == null) {
                Elementwise.fakeQuantScalar(x, i, i + VL, q);
            } else {
                r.intoArray(x, i);
            }
        }
        Elementwise.fakeQuantScalar(x, i, to, q);
    }

    /** {min, max} of x[from, to) (NaN ignored, as in the scalar twin). */
    static float[] minMax(float[] x, int from, int to) {
        int i = from;
        FloatVector lo = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        FloatVector hi = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; i + VL <= to; i += VL) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            VectorMask<Float> ok = v.test(VectorOperators.IS_NAN).not();
            lo = lo.blend(lo.min(v), ok);
            hi = hi.blend(hi.max(v), ok);
        }
        float[] r = Elementwise.minMaxScalar(x, i, to);
        return new float[] {Math.min(r[0], lo.reduceLanes(VectorOperators.MIN)),
            Math.max(r[1], hi.reduceLanes(VectorOperators.MAX))};
    }

    /** Statistics over rows [from, to): see BnActKernels.stats (C a multiple of VL). */
    static void bnStats(float[] z, int from, int to, int channels, float[] shift, float[] s1, float[] s2, float[] lo,
                        float[] hi) {
        for (int c = 0; c < channels; c += VL) {
            FloatVector sh = FloatVector.fromArray(S, shift, c);
            FloatVector a = FloatVector.fromArray(S, s1, c);
            FloatVector b = FloatVector.fromArray(S, s2, c);
            FloatVector mn = FloatVector.fromArray(S, lo, c);
            FloatVector mx = FloatVector.fromArray(S, hi, c);
            for (int r = from; r < to; r++) {
                FloatVector v = FloatVector.fromArray(S, z, r * channels + c);
                FloatVector d = v.sub(sh);
                a = a.add(d);
                b = b.add(d.mul(d));
                mn = mn.min(v);
                mx = mx.max(v);
            }
            a.intoArray(s1, c);
            b.intoArray(s2, c);
            mn.intoArray(lo, c);
            mx.intoArray(hi, c);
        }
    }

    /** Fused normalise + activation + fake quantization: see BnActKernels.forward. */
    static void bnForward(float[] z, int from, int to, int channels, float[] mean, float[] inv, float[] gamma,
                          float[] beta, float lo, float hi, float[] xhat, BnActKernels.Quant q) {
        for (int c = 0; c < channels; c += VL) {
            FloatVector mu = FloatVector.fromArray(S, mean, c);
            FloatVector iv = FloatVector.fromArray(S, inv, c);
            FloatVector ga = FloatVector.fromArray(S, gamma, c);
            FloatVector be = FloatVector.fromArray(S, beta, c);
            for (int r = from; r < to; r++) {
                int o = r * channels + c;
                FloatVector xh = FloatVector.fromArray(S, z, o).sub(mu).mul(iv);
                FloatVector y = ga.mul(xh).add(be).max(lo).min(hi);
                if (xhat != null) {
                    xh.intoArray(xhat, o);
                }
                FloatVector f = q == null ? y : fake(y, q);
                if (f == null) {
                    y.intoArray(z, o);
                    Elementwise.fakeQuantScalar(z, o, o + VL, q);
                } else {
                    f.intoArray(z, o);
                }
            }
        }
    }

    /**
     * The lane-wise fake quantization of {@link #fakeQuant}, or null when a lane lies within
     * Elementwise.MIDPOINT_BAND of a rounding midpoint (the caller then uses the exact scalar path).
     */
    private static FloatVector fake(FloatVector orig, BnActKernels.Quant q) {
        FloatVector v = orig.mul(q.inv());
        // floor(min(|v| + 0.5, 1024)) without a float→int conversion (not intrinsified on JDK 17):
        // adding and removing 2^23 rounds to the nearest integer; step down where that rounded up.
        FloatVector m = v.abs().add(0.5f).min(1024f);
        FloatVector near = m.add(8388608f).sub(8388608f);
        FloatVector t = near.sub(1f, near.compare(VectorOperators.GT, m));
        FloatVector d = m.sub(t);
        if (d.compare(VectorOperators.LT, Elementwise.MIDPOINT_BAND)
                .or(d.compare(VectorOperators.GT, 1f - Elementwise.MIDPOINT_BAND)).anyTrue()) {
            return null;
        }
        // + 0: −0 (a negative value rounding to 0) becomes +0, as in the integer path's dequantization.
        FloatVector r = t.blend(t.neg(), v.compare(VectorOperators.LT, 0f)).add(0f).max(q.lo()).min(q.hi());
        return r.mul(q.scale()).blend(orig, v.test(VectorOperators.IS_NAN));
    }

    /** Gate the gradient and sum it per channel: see BnActKernels.backward. */
    static void bnGateSums(float[] g, float[] xhat, int from, int to, int channels, float[] gamma, float[] beta,
                           float gateLo, float gateHi, float[] sa, float[] sb) {
        for (int c = 0; c < channels; c += VL) {
            FloatVector a = FloatVector.fromArray(S, sa, c);
            FloatVector b = FloatVector.fromArray(S, sb, c);
            FloatVector ga = FloatVector.fromArray(S, gamma, c);
            FloatVector be = FloatVector.fromArray(S, beta, c);
            for (int r = from; r < to; r++) {
                int o = r * channels + c;
                FloatVector xh = FloatVector.fromArray(S, xhat, o);
                FloatVector p = ga.mul(xh).add(be);
                VectorMask<Float> open = p.compare(VectorOperators.GE, gateLo).and(p.compare(VectorOperators.LE, gateHi));
                FloatVector d = FloatVector.fromArray(S, g, o).blend(0f, open.not());
                d.intoArray(g, o);
                a = a.add(d);
                b = b.add(d.mul(xh));
            }
            a.intoArray(sa, c);
            b.intoArray(sb, c);
        }
    }

    /** dz from the gated gradient: see BnActKernels.backward. */
    static void bnApply(float[] g, float[] xhat, int from, int to, int channels, float[] k, float[] sumDy,
                        float[] sumDyXhat, float invRows, boolean batchStats) {
        for (int c = 0; c < channels; c += VL) {
            FloatVector kv = FloatVector.fromArray(S, k, c);
            FloatVector sd = FloatVector.fromArray(S, sumDy, c);
            FloatVector sx = FloatVector.fromArray(S, sumDyXhat, c);
            for (int r = from; r < to; r++) {
                int o = r * channels + c;
                FloatVector d = FloatVector.fromArray(S, g, o);
                if (batchStats) {
                    FloatVector t = FloatVector.fromArray(S, xhat, o).mul(sx).add(sd).mul(invRows);
                    d = kv.mul(d.sub(t));
                } else {
                    d = kv.mul(d);
                }
                d.intoArray(g, o);
            }
        }
    }

    static int vectorLength() {
        return VL;
    }
}
