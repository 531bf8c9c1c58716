package io.pqkmcu.model;

import java.util.List;

/** Depthwise convolution with depth multiplier 1; weights [1, KH, KW, C]. */
public record DepthwiseConv2DOp(String name, int input, int output, int strideH, int strideW, int dilationH,
                                int dilationW, Padding padding, QuantizedWeights weights, int actMin, int actMax)
        implements Op {
    public DepthwiseConv2DOp {
        OpChecks.checkGeometry(name, strideH, strideW, dilationH, dilationW, padding, actMin, actMax);
        if (weights.shape().length != 4 || weights.shape()[0] != 1) {
            throw new ModelFormatException(name + ": depthwise weights must be 4-D [1, KH, KW, C]");
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
        return OpKind.DEPTHWISE_CONV_2D;
    }
}
