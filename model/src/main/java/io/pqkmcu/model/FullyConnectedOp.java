package io.pqkmcu.model;

import java.util.List;

/** Fully connected layer over the flattened input; weights [C_OUT, C_IN], per-channel requantization. */
public record FullyConnectedOp(String name, int input, int output, QuantizedWeights weights, int actMin, int actMax)
        implements Op {
    public FullyConnectedOp {
        OpChecks.checkActivation(name, actMin, actMax);
        if (weights.shape().length != 2) {
            throw new ModelFormatException(name + ": fully connected weights must be 2-D [C_OUT, C_IN]");
        }
    }

    @Override
    public List<Integer> inputs() {
        return List.of(input);
    }

    @Override
    public OpKind kind() {
        return OpKind.FULLY_CONNECTED;
    }
}
