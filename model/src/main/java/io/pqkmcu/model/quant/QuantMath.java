package io.pqkmcu.model.quant;

/**
 * The integer arithmetic of the int8 contract (TFLite / CMSIS-NN conventions), in one place.
 *
 * <p>Every path that must be bit-exact with the generated C — the int8 interpreter, fake quantization
 * during training, the audio front end — calls these functions, so there is exactly one Java
 * definition of each rounding rule. The C twins live in {@code pqk_requant.h}.
 */
public final class QuantMath {
    private QuantMath() {}

    /** A real multiplier expressed as a Q31 fixed-point mantissa and a power-of-two exponent. */
    public record Multiplier(int multiplier, int shift) {}

    /**
     * frexp-based decomposition: {@code real ≈ multiplier · 2^(shift − 31)}, multiplier in [2^30, 2^31).
     * Shifts below −31 flush to zero (TFLite does the same); a zero or negative-free real gives (0, 0).
     */
    public static Multiplier quantizeMultiplier(double real) {
        if (!(real >= 0) || Double.isInfinite(real)) {
            throw new IllegalArgumentException("multiplier must be finite and non-negative: " + real);
        }
        if (real == 0.0) {
            return new Multiplier(0, 0);
        }
        int exp = Math.getExponent(real) + 1; // real = frac * 2^exp with frac in [0.5, 1)
        double frac = real / Math.scalb(1.0, exp);
        long q = Math.round(frac * (1L << 31));
        if (q == (1L << 31)) {
            q /= 2;
            exp++;
        }
        if (exp < -31) {
            return new Multiplier(0, 0);
        }
        if (exp > 30) {
            throw new IllegalArgumentException("multiplier too large for Q31 with shift <= 30: " + real);
        }
        return new Multiplier((int) q, exp);
    }

    /** (a·b·2 + 2^31) >> 32 with TFLite's rounding; saturates the single overflow case a = b = MIN. */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1 - (1L << 30));
        return (int) ((ab + nudge) / (1L << 31));
    }

    /** Divide by 2^exponent, rounding half away from zero (gemmlowp RoundingDivideByPOT). */
    public static int roundingDivideByPOT(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + ((x < 0) ? 1 : 0);
        return (x >> exponent) + ((remainder > threshold) ? 1 : 0);
    }

    /** TFLite MultiplyByQuantizedMultiplier: the requantization of an int32 accumulator. */
    public static int multiplyByQuantizedMultiplier(int acc, int multiplier, int shift) {
        int leftShift = Math.max(shift, 0);
        int rightShift = Math.max(-shift, 0);
        int shifted = saturatingLeftShift(acc, leftShift);
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, multiplier), rightShift);
    }

    private static int saturatingLeftShift(int x, int s) {
        if (s == 0) {
            return x;
        }
        long v = (long) x << s;
        if (v > Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        if (v < Integer.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        return (int) v;
    }

    /**
     * Requantize an accumulator, add the output zero point and clamp to [min, max]. The addition is done
     * in 64 bits: a saturated requantization plus a positive zero point must clamp, not wrap (C twin:
     * pqk_requantize_to_range).
     */
    public static int requantize(int acc, int multiplier, int shift, int outputZeroPoint, int min, int max) {
        long v = (long) multiplyByQuantizedMultiplier(acc, multiplier, shift) + outputZeroPoint;
        return (int) Math.max(min, Math.min(max, v));
    }

    /** Round half away from zero, the rounding of every float→int step in this project. */
    public static long roundHalfAway(double x) {
        return x >= 0 ? (long) Math.floor(x + 0.5) : -(long) Math.floor(-x + 0.5);
    }

    /** Clamp to [lo, hi]. */
    public static int clamp(long v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, v));
    }
}
