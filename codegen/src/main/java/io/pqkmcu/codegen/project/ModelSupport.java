package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.sparse.WeightMatrix;
import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.QuantizedWeights;

/**
 * Checks, before anything is written, that the generated C can run a model exactly: the int32
 * accumulators of every layer stay within +-2^30 (the kernels' requantization doubles them) (C signed overflow is undefined, so the Java reference's
 * wrap-around cannot be reproduced) and every tensor is addressable with int32 indices.
 */
public final class ModelSupport {
    /** Worst-case accumulator growth per weight: |w| ≤ 127 times |x + offset| ≤ 255, plus the sparse
     *  kernels' folded offset term (|offset · Σw| ≤ 128 · 127 per weight). */
    static final long GROWTH_PER_WEIGHT = 127L * 384;
    /**
     * Accumulators must stay below this in magnitude: the DSP requantization computes 2 * acc in 32 bits
     * (pqk_kernel_util.h, pqk_requantize_fast).
     */
    static final long ACCUMULATOR_LIMIT = 1L << 30;

    private ModelSupport() {}

    public static void check(Int8Model model) {
        for (Op op : model.ops()) {
            if (op instanceof AddOp a && a.leftShift() > 20) {
                throw new UnsupportedModelException("layer '" + op.name() + "' (ADD) shifts its inputs left by "
                        + a.leftShift() + " bits; the C kernel takes at most 20 (TFLite's value), beyond which the "
                        + "sum of the rescaled inputs could overflow int32");
            }
            QuantizedWeights w = op.weights();
            if (w == null) {
                continue;
            }
            WeightMatrix m = WeightMatrix.of(op);
            long maxBias = 0;
            for (int b : w.bias()) {
                maxBias = Math.max(maxBias, Math.abs((long) b));
            }
            long worst = maxBias + m.cols() * GROWTH_PER_WEIGHT;
            if (worst >= ACCUMULATOR_LIMIT) {
                throw new UnsupportedModelException("layer '" + op.name() + "' (" + op.kind() + ") has " + m.cols()
                        + " weights per output and biases up to " + maxBias + ": its accumulator could reach "
                        + worst + " and overflow the kernels' range of +-2^30; split the layer or retrain with smaller biases");
            }
        }
        for (var t : model.tensors()) {
            if ((long) t.height() * t.width() * t.channels() > Integer.MAX_VALUE / 2) {
                throw new UnsupportedModelException("tensor '" + t.name() + "' (" + t.shapeString()
                        + ") is too large for a microcontroller");
            }
        }
    }
}
