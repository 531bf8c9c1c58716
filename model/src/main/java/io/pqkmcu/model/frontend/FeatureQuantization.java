package io.pqkmcu.model.frontend;

import io.pqkmcu.model.quant.QuantMath;

/**
 * The int8 quantization of the model's input tensor, applied to the Q10 front-end values (step 8):
 * {@code q = clamp(requantize(v, M, S) + zeroPoint, −128, 127)} with (M, S) the Q31 decomposition of
 * 1 / (2^10 · inputScale), i.e. q ≈ v / 2^10 / inputScale + zeroPoint.
 *
 * @param inputScale real value of one int8 step of the model input (in log2 units of power)
 * @param zeroPoint  int8 value of real 0
 */
public record FeatureQuantization(double inputScale, int zeroPoint) {
    public FeatureQuantization {
        if (!(inputScale > 0) || Double.isInfinite(inputScale)) {
            throw new IllegalArgumentException("feature input scale must be positive and finite, got " + inputScale);
        }
        if (zeroPoint < -128 || zeroPoint > 127) {
            throw new IllegalArgumentException("feature zero point must be in [-128, 127], got " + zeroPoint);
        }
        try {
            QuantMath.quantizeMultiplier(realMultiplier(inputScale));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature input scale " + inputScale + " is too small: 1/(1024·scale) must fit"
                    + " a Q31 multiplier with shift <= 30", e);
        }
    }

    private static double realMultiplier(double inputScale) {
        return 1.0 / (Math.scalb(1.0, FrontEndConfig.LOG_FRACTION_BITS) * inputScale);
    }

    /** (M, S) with M a Q31 mantissa and S the power-of-two exponent, as the C config stores them. */
    public QuantMath.Multiplier multiplier() {
        return QuantMath.quantizeMultiplier(realMultiplier(inputScale));
    }
}
