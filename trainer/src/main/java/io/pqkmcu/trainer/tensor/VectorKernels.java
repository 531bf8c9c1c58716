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

    static int vectorLength() {
        return VL;
    }
}
