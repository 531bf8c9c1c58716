package io.pqkmcu.model;

import java.util.List;

/** One int8 operation of the graph; tensors are referred to by id. */
public sealed interface Op permits Conv2DOp, DepthwiseConv2DOp, FullyConnectedOp, AveragePool2DOp,
        MaxPool2DOp, AddOp, SoftmaxOp {
    /** A stable, human-readable layer name (used in reports and generated symbols). */
    String name();

    List<Integer> inputs();

    int output();

    /** The op's kind as it appears in reports and the model file. */
    OpKind kind();

    /** The int8 weights, or null for ops without weights. */
    default QuantizedWeights weights() {
        return null;
    }
}
