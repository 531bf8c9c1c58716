package io.pqkmcu.model;

import io.pqkmcu.model.quant.QuantMath;

import java.util.List;

/**
 * Element-wise addition of two int8 tensors of the same shape (a residual connection), with TFLite's
 * int8 ADD arithmetic: both inputs are offset, shifted left by {@code leftShift} and rescaled to a
 * common scale (2·max(s1, s2)), summed, and rescaled to the output.
 *
 * @param inputMultiplier1 Q31 multiplier and shift of s1 / (2·max(s1, s2)) (shift ≤ 0)
 * @param outputMultiplier Q31 multiplier and shift of 2·max(s1, s2) / (2^leftShift · s_out)
 */
public record AddOp(String name, int input1, int input2, int output, int leftShift, int inputMultiplier1, int inputShift1,
                    int inputMultiplier2, int inputShift2, int outputMultiplier, int outputShift, int actMin, int actMax)
        implements Op {
    /** TFLite's left shift for int8 ADD: room for the rescaled inputs without overflow. */
    public static final int LEFT_SHIFT = 20;

    public AddOp {
        OpChecks.checkActivation(name, actMin, actMax);
        if (leftShift < 0 || leftShift > 24) {
            throw new ModelFormatException(name + ": left shift " + leftShift + " outside 0..24");
        }
        for (int[] ms : new int[][] {{inputMultiplier1, inputShift1}, {inputMultiplier2, inputShift2},
                {outputMultiplier, outputShift}}) {
            if (ms[0] < 0 || ms[1] < -31 || ms[1] > 30) {
                throw new ModelFormatException(name + ": invalid requantization (" + ms[0] + ", " + ms[1] + ")");
            }
        }
        if (inputShift1 > 0 || inputShift2 > 0) {
            throw new ModelFormatException(name + ": input rescaling must not be above 1 (shift > 0)");
        }
    }

    /** Computes the multipliers for input scales s1, s2 and output scale sOut, as TFLite's Prepare does. */
    public static AddOp of(String name, int input1, int input2, int output, double s1, double s2, double sOut,
                           int actMin, int actMax) {
        double twiceMax = 2 * Math.max(s1, s2);
        QuantMath.Multiplier m1 = QuantMath.quantizeMultiplier(s1 / twiceMax);
        QuantMath.Multiplier m2 = QuantMath.quantizeMultiplier(s2 / twiceMax);
        QuantMath.Multiplier mo = QuantMath.quantizeMultiplier(twiceMax / ((1 << LEFT_SHIFT) * sOut));
        return new AddOp(name, input1, input2, output, LEFT_SHIFT, m1.multiplier(), m1.shift(), m2.multiplier(),
                m2.shift(), mo.multiplier(), mo.shift(), actMin, actMax);
    }

    @Override
    public List<Integer> inputs() {
        return List.of(input1, input2);
    }

    @Override
    public OpKind kind() {
        return OpKind.ADD;
    }
}
