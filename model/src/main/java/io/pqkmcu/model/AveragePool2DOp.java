package io.pqkmcu.model;

import java.util.List;

/**
 * Average pooling; output keeps the input's scale and zero point (TFLite semantics). Padded positions
 * are not counted in the average.
 */
public record AveragePool2DOp(String name, int input, int output, int filterH, int filterW, int strideH, int strideW,
                              Padding padding, int actMin, int actMax) implements Op {
    public AveragePool2DOp {
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
        return OpKind.AVERAGE_POOL_2D;
    }
}
