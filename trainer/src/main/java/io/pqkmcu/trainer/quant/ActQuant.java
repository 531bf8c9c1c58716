package io.pqkmcu.trainer.quant;

import io.pqkmcu.model.quant.QuantMath;

/**
 * Asymmetric per-tensor int8 activation quantization, real = scale · (q − zeroPoint), q in [−128, 127].
 * Built from an observed range that is widened to include 0, so that 0 is exactly representable.
 */
public record ActQuant(double scale, int zeroPoint) {
    public static ActQuant fromRange(double min, double max) {
        double lo = Math.min(min, 0.0);
        double hi = Math.max(max, 0.0);
        if (hi - lo < 1e-8) {
            hi = lo + 1e-8;
        }
        double scale = (hi - lo) / 255.0;
        int zp = QuantMath.clamp(QuantMath.roundHalfAway(-128 - lo / scale), -128, 127);
        return new ActQuant(scale, zp);
    }

    public int quantize(double x) {
        return QuantMath.clamp(QuantMath.roundHalfAway(x / scale) + zeroPoint, -128, 127);
    }

    /** The real value of code q: float scale times (q − zeroPoint), in float, as the QAT kernels compute it. */
    public float dequantize(int q) {
        return (float) scale * (q - zeroPoint);
    }

    /**
     * The value after a round trip through int8, {@code dequantize(quantize(x))}: the one definition of
     * fake quantization (NaN stays NaN, so divergence is not hidden). The kernels behind
     * {@link #fakeInPlace} and the fused BatchNorm path compute exactly this (see {@link #kernel()}).
     */
    public float fake(float x) {
        return Float.isNaN(x) ? x : dequantize(quantize(x));
    }

    /** Fake-quantizes values[from, to) in place — the hot loop of QAT — bit for bit as {@link #fake}. */
    public void fakeInPlace(float[] values, int from, int to) {
        io.pqkmcu.trainer.tensor.Elementwise.fakeQuant(values, from, to, kernel());
    }

    /** This quantization as the element-wise kernels take it. */
    public io.pqkmcu.trainer.tensor.BnActKernels.Quant kernel() {
        return new io.pqkmcu.trainer.tensor.BnActKernels.Quant((float) (1.0 / scale), (float) scale, -128 - zeroPoint,
                127 - zeroPoint, scale);
    }

    /** Smallest representable real value. */
    public double realMin() {
        return scale * (-128 - zeroPoint);
    }

    /** Largest representable real value. */
    public double realMax() {
        return scale * (127 - zeroPoint);
    }

    /** The int8 code of a real value v, clamped: used for fused activation bounds (ReLU → 0, ReLU6 → 6). */
    public int codeOf(double v) {
        return quantize(v);
    }
}
