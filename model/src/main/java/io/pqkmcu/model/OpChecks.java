package io.pqkmcu.model;

/** Parameter checks shared by the op records, so that a corrupt file fails with a named reason. */
final class OpChecks {
    private OpChecks() {}

    static void checkGeometry(String name, int strideH, int strideW, int dilationH, int dilationW, Padding padding,
                              int actMin, int actMax) {
        if (strideH <= 0 || strideW <= 0) {
            throw new ModelFormatException(name + ": stride must be positive, got " + strideH + "x" + strideW);
        }
        if (dilationH <= 0 || dilationW <= 0) {
            throw new ModelFormatException(name + ": dilation must be positive, got " + dilationH + "x" + dilationW);
        }
        if (padding.top() < 0 || padding.left() < 0) {
            throw new ModelFormatException(name + ": negative padding " + padding);
        }
        checkActivation(name, actMin, actMax);
    }

    static void checkActivation(String name, int actMin, int actMax) {
        if (actMin < -128 || actMax > 127 || actMin > actMax) {
            throw new ModelFormatException(name + ": activation range [" + actMin + ", " + actMax + "] is not within int8");
        }
    }
}
