package io.pqkmcu.model;

import java.util.List;

/** 2-D convolution; weights [C_OUT, KH, KW, C_IN]; activation fused as the clamp [actMin, actMax]. */
public record Conv2DOp(String name, int input, int output, int strideH, int strideW, int dilationH, int dilationW,
                       Padding padding, QuantizedWeights weights, int actMin, int actMax) implements Op {
    public Conv2DOp {
        OpChecks.checkGeometry(name, strideH, strideW, dilationH, dilationW, padding, actMin, actMax);
        if (weights.shape().length != 4) {
            throw new ModelFormatException(name + ": conv weights must be 4-D [C_OUT, KH, KW, C_IN]");
        }
    }

    public int kernelH() {
        return weights.shape()[1];
    }

    public int kernelW() {
        return weights.shape()[2];
    }

    @Override
    public List<Integer> inputs() {
        return List.of(input);
    }

    @Override
    public OpKind kind() {
        return OpKind.CONV_2D;
    }
}
