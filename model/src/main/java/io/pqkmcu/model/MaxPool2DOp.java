package io.pqkmcu.model;

import java.util.List;

/** Max pooling over in-bounds window cells; output keeps the input's scale and zero point. */
public record MaxPool2DOp(String name, int input, int output, int filterH, int filterW, int strideH, int strideW,
                          Padding padding, int actMin, int actMax) implements Op {
    public MaxPool2DOp {
        OpChecks.checkGeometry(name, strideH, strideW, 1, 1, padding, actMin, actMax);
        if (filterH <= 0 || filterW <= 0) {
            throw new ModelFormatException(name + ": pooling filter must be positive, got " + filterH + "x" + filterW);
        }
    }

    @Override
    public List<Integer> inputs() {
        return List.of(input);
    }

    @Override
    public OpKind kind() {
        return OpKind.MAX_POOL_2D;
    }
}
