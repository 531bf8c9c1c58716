package io.pqkmcu.model;

import io.pqkmcu.model.quant.QuantMath;

import java.util.List;

/**
 * int8 softmax over the channels of every pixel (TFLite's integer algorithm, see
 * {@code interp.SoftmaxKernel}). The input difference x − max is scaled into Q5.26 by
 * {@code inputMultiplier · 2^inputLeftShift}; differences below {@code diffMin} contribute zero. The
 * output tensor has scale 1/256 and zero point −128, as TFLite requires.
 *
 * @param inputMultiplier Q31 multiplier of β · input_scale · 2^26 (with the left shift)
 * @param inputLeftShift  0..30
 * @param diffMin         the smallest difference that still contributes (≤ 0)
 */
public record SoftmaxOp(String name, int input, int output, int inputMultiplier, int inputLeftShift, int diffMin)
        implements Op {
    /** Output quantization of every int8 softmax. */
    public static final double OUTPUT_SCALE = 1.0 / 256;
    public static final int OUTPUT_ZERO_POINT = -128;
    /** Most channels one softmax row may have (keeps every fixed-point exponent within 31). */
    public static final int MAX_DEPTH = 256;
    /** Integer bits of the scaled difference (Q5.26), as in TFLite. */
    static final int SCALED_DIFF_INTEGER_BITS = 5;

    public SoftmaxOp {
        if (inputMultiplier < 0 || inputLeftShift < 0 || inputLeftShift > 30 || diffMin > 0) {
            throw new ModelFormatException(name + ": invalid softmax parameters (multiplier " + inputMultiplier
                    + ", left shift " + inputLeftShift + ", diff min " + diffMin + ")");
        }
    }

    /** The parameters for temperature β and input scale, as TFLite's PreprocessSoftmaxScaling computes them. */
    public static SoftmaxOp of(String name, int input, int output, double beta, double inputScale) {
        double real = Math.min(beta * inputScale * (1L << (31 - SCALED_DIFF_INTEGER_BITS)), (1L << 31) - 1.0);
        if (!(real > 1.0)) {
            throw new IllegalArgumentException(name + ": softmax input scale " + inputScale + " is too small");
        }
        QuantMath.Multiplier m = QuantMath.quantizeMultiplier(real);
        if (m.shift() < 0) {
            throw new IllegalArgumentException(name + ": softmax scaling " + real + " gives a negative shift");
        }
        double radius = ((1 << SCALED_DIFF_INTEGER_BITS) - 1) * (double) (1L << (31 - SCALED_DIFF_INTEGER_BITS))
                / (double) (1L << m.shift());
        return new SoftmaxOp(name, input, output, m.multiplier(), m.shift(), -(int) Math.floor(radius));
    }

    @Override
    public List<Integer> inputs() {
        return List.of(input);
    }

    @Override
    public OpKind kind() {
        return OpKind.SOFTMAX;
    }
}
