package io.pqkmcu.trainer.quant;

import io.pqkmcu.model.quant.QuantMath;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuantMathTest {
    @Test
    void multipliersDecomposeLikeFrexp() {
        assertEquals(new QuantMath.Multiplier(1 << 30, 0), QuantMath.quantizeMultiplier(0.5));
        assertEquals(new QuantMath.Multiplier(1 << 30, -1), QuantMath.quantizeMultiplier(0.25));
        assertEquals(new QuantMath.Multiplier(1 << 30, 1), QuantMath.quantizeMultiplier(1.0));
        assertEquals(new QuantMath.Multiplier(0, 0), QuantMath.quantizeMultiplier(0.0));
        // Values just under a power of two round up to 2^31 and renormalise.
        assertEquals(new QuantMath.Multiplier(1 << 30, 1), QuantMath.quantizeMultiplier(Math.nextDown(1.0)));
        // Below 2^-32 the shift would pass -31: flushed to zero, as TFLite does.
        assertEquals(new QuantMath.Multiplier(0, 0), QuantMath.quantizeMultiplier(1e-12));
        assertThrows(IllegalArgumentException.class, () -> QuantMath.quantizeMultiplier(-1));
        assertThrows(IllegalArgumentException.class, () -> QuantMath.quantizeMultiplier(Double.NaN));
    }

    @Test
    void multiplierRepresentsTheRealValue() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10000; i++) {
            double real = Math.exp(r.nextDouble() * 40 - 20); // shifts stay above -31
            QuantMath.Multiplier m = QuantMath.quantizeMultiplier(real);
            double back = m.multiplier() * Math.pow(2, m.shift() - 31);
            assertEquals(real, back, real * 1e-9);
        }
    }

    @Test
    void roundingDivideRoundsHalfAwayFromZero() {
        assertEquals(3, QuantMath.roundingDivideByPOT(5, 1));
        assertEquals(-3, QuantMath.roundingDivideByPOT(-5, 1));
        assertEquals(2, QuantMath.roundingDivideByPOT(3, 1));
        assertEquals(-2, QuantMath.roundingDivideByPOT(-3, 1));
        assertEquals(1, QuantMath.roundingDivideByPOT(5, 2));
        assertEquals(-1, QuantMath.roundingDivideByPOT(-5, 2));
        assertEquals(2, QuantMath.roundingDivideByPOT(6, 2));
        assertEquals(-2, QuantMath.roundingDivideByPOT(-6, 2));
        assertEquals(-1, QuantMath.roundingDivideByPOT(Integer.MIN_VALUE, 31));
        assertEquals(7, QuantMath.roundingDivideByPOT(7, 0));
    }

    @Test
    void doublingHighMulSaturatesTheOnlyOverflow() {
        assertEquals(1 << 29, QuantMath.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30));
        assertEquals(Integer.MAX_VALUE,
                QuantMath.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        assertEquals(-(1 << 29), QuantMath.saturatingRoundingDoublingHighMul(-(1 << 30), 1 << 30));
        // 3 * 2^30 * 2 / 2^32 = 1.5 -> 2, but -1.5 -> -1: TFLite's nudge rounds halves toward +infinity
        // here (only RoundingDivideByPOT rounds half away from zero). The C twin must do the same.
        assertEquals(2, QuantMath.saturatingRoundingDoublingHighMul(3, 1 << 30));
        assertEquals(-1, QuantMath.saturatingRoundingDoublingHighMul(-3, 1 << 30));
    }

    @Test
    void requantizeMatchesRealArithmeticWithinHalfAStep() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 20000; i++) {
            double real = Math.exp(r.nextDouble() * 12 - 14);
            int acc = r.nextInt(-1 << 20, 1 << 20);
            QuantMath.Multiplier m = QuantMath.quantizeMultiplier(real);
            int q = QuantMath.multiplyByQuantizedMultiplier(acc, m.multiplier(), m.shift());
            // Double rounding: half a step from the high multiply (scaled down by the right shift) plus
            // half a step from the final division.
            double bound = 0.5 + 0.5 * Math.pow(2, Math.min(0, m.shift())) + 1e-6 * Math.abs(acc * real);
            assertEquals(acc * real, q, bound, "acc " + acc + " real " + real);
        }
    }

    @Test
    void requantizeClampsInsteadOfWrapping() {
        // A saturated result plus a positive zero point must clamp at the top, not wrap negative.
        assertEquals(127, QuantMath.requantize(Integer.MAX_VALUE, Integer.MAX_VALUE, 30, 127, -128, 127));
        assertEquals(-128, QuantMath.requantize(Integer.MIN_VALUE, Integer.MAX_VALUE, 30, -128, -128, 127));
    }

    @Test
    void weightQuantizationIsSymmetricPerChannel() {
        float[] w = {0.5f, -1.0f, 0.25f, 0f, 0f, 0f, 2f, 1f, -0.01f};
        WeightQuantizer.Result q = WeightQuantizer.quantize(w, 3, false);
        assertEquals(1.0 / 127, q.scale()[0], 1e-12);
        assertEquals(-127, q.q()[1]);
        assertEquals(64, q.q()[0]); // 63.5 rounds away from zero
        assertEquals(1.0, q.scale()[1], 0.0); // all-zero channel
        assertEquals(127, q.q()[6]);
        assertEquals(-1, q.q()[8]); // -0.635 -> -1
    }

    @Test
    void activationRangeAlwaysContainsZero() {
        ActQuant q = ActQuant.fromRange(0.5, 6.0);
        assertEquals(-128, q.zeroPoint());
        assertEquals(0.0, q.dequantize(q.quantize(0.0)), 0.0);
        ActQuant s = ActQuant.fromRange(-3.0, 1.0);
        assertEquals(0.0, s.dequantize(s.quantize(0.0)), 0.0);
        assertEquals(-128, s.quantize(-100));
        assertEquals(127, s.quantize(100));
    }
}
