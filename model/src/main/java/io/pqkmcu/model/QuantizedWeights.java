package io.pqkmcu.model;

import java.util.Arrays;

/**
 * The int8 weights of one layer with their per-output-channel requantization.
 *
 * <p>{@code data} holds symmetric int8 weights (zero point 0, range [-127, 127]) in the layer's layout
 * (conv [C_OUT, KH, KW, C_IN], depthwise [1, KH, KW, C_OUT], fully connected [C_OUT, C_IN]).
 * {@code mask} marks the weights PQK kept (true) and pruned (false); a kept weight may still round to 0, a
 * pruned weight is 0 (checked here, so a file whose mask marks a non-zero weight pruned is refused as corrupt).
 * The mask is a record of training for tools: {@link Int8Model#prunedFraction()} reads it. Nothing that
 * runs the model needs it — the interpreter multiplies by the values, and the code generator's sparse
 * tables must hold exactly the non-zero int8 values, which the values themselves tell (a kept weight that
 * rounds to 0 is left out of a table just as a pruned one is).
 * {@code bias} is int32 at scale input_scale × weight_scale[c]; {@code multiplier}/{@code shift} encode
 * input_scale × weight_scale[c] / output_scale.
 */
public record QuantizedWeights(int[] shape, byte[] data, boolean[] mask, double[] weightScale,
                               int[] bias, int[] multiplier, int[] shift) {
    public QuantizedWeights {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new ModelFormatException("weight shape " + Arrays.toString(shape) + " has a non-positive dimension");
            }
            n *= d;
        }
        if (n != data.length || n != mask.length) {
            throw new ModelFormatException("weight shape " + Arrays.toString(shape) + " needs " + n
                    + " values but the file holds " + data.length + " weights and " + mask.length + " mask bits");
        }
        int channels = bias.length;
        if (weightScale.length != channels || multiplier.length != channels || shift.length != channels) {
            throw new ModelFormatException("per-channel arrays disagree: " + channels + " biases, "
                    + weightScale.length + " scales, " + multiplier.length + " multipliers, " + shift.length + " shifts");
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] == Byte.MIN_VALUE) {
                throw new ModelFormatException("weight value -128 is outside the symmetric int8 range [-127, 127]");
            }
            if (!mask[i] && data[i] != 0) {
                throw new ModelFormatException("weight " + i + " is " + data[i] + " but the mask marks it pruned;"
                        + " a pruned weight must be 0 (corrupt mask or weights)");
            }
        }
        for (int c = 0; c < channels; c++) {
            if (multiplier[c] < 0 || shift[c] < -31 || shift[c] > 30) {
                throw new ModelFormatException("channel " + c + " has invalid requantization ("
                        + multiplier[c] + ", " + shift[c] + ")");
            }
        }
    }

    public int outputChannels() {
        return bias.length;
    }

    /** Weights PQK pruned (mask false). */
    public int prunedCount() {
        int n = 0;
        for (boolean keep : mask) {
            if (!keep) {
                n++;
            }
        }
        return n;
    }

    /** Weights whose int8 value is not zero — what a sparse table must store. */
    public int nonZeroCount() {
        int n = 0;
        for (byte b : data) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }

    public double sparsity() {
        return 1.0 - (double) nonZeroCount() / data.length;
    }
}
