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
     * One output pixel of a depthwise convolution over all channels (c a multiple of VL):
     * out[o + ch] = Σ over the given taps of in[inOffsets[t] + ch] · w[wOffsets[t] + ch], in tap order.
     */
    static void depthwisePixel(float[] in, int[] inOffsets, float[] w, int[] wOffsets, int taps, float[] out, int o,
                               int c) {
        for (int ch = 0; ch < c; ch += VL) {
            FloatVector acc = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                acc = FloatVector.fromArray(S, in, inOffsets[t] + ch).fma(FloatVector.fromArray(S, w, wOffsets[t] + ch), acc);
            }
            acc.intoArray(out, o + ch);
        }
    }

    /** Backward of {@link #depthwisePixel}: dx[in] += dy·w, dw[w] += dy·x, tap by tap. */
    static void depthwisePixelBackward(float[] x, float[] dx, int[] inOffsets, float[] w, float[] dw, int[] wOffsets,
                                       int taps, float[] dy, int o, int c) {
        for (int ch = 0; ch < c; ch += VL) {
            FloatVector d = FloatVector.fromArray(S, dy, o + ch);
            for (int t = 0; t < taps; t++) {
                int io = inOffsets[t] + ch;
                int wo = wOffsets[t] + ch;
                d.fma(FloatVector.fromArray(S, w, wo), FloatVector.fromArray(S, dx, io)).intoArray(dx, io);
                d.fma(FloatVector.fromArray(S, x, io), FloatVector.fromArray(S, dw, wo)).intoArray(dw, wo);
            }
        }
    }

    /**
     * Fake quantization in place: v = x·inv, r = sign(v)·floor(min(|v| + 0.5, 1024)) (round half away
     * from zero; the cap is far outside any int8 range), clamped to [lo, hi], x = r·s; NaN stays NaN.
     * Same operations as the scalar twin in Elementwise.
     */
    static void fakeQuant(float[] x, int from, int to, float inv, float s, float lo, float hi) {
        int i = from;
        for (; i + VL <= to; i += VL) {
            FloatVector orig = FloatVector.fromArray(S, x, i);
            FloatVector v = orig.mul(inv);
            // floor(min(|v| + 0.5, 1024)) without a float→int conversion (not intrinsified on JDK 17):
            // adding and removing 2^23 rounds to the nearest integer; step down where that rounded up.
            FloatVector m = v.abs().add(0.5f).min(1024f);
            FloatVector near = m.add(8388608f).sub(8388608f);
            FloatVector t = near.sub(1f, near.compare(VectorOperators.GT, m));
            FloatVector r = t.blend(t.neg(), v.compare(VectorOperators.LT, 0f));
            r = r.max(lo).min(hi);
            r.mul(s).blend(orig, v.test(VectorOperators.IS_NAN)).intoArray(x, i);
        }
        Elementwise.fakeQuantScalar(x, i, to, inv, s, lo, hi);
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

    static int vectorLength() {
        return VL;
    }
}
