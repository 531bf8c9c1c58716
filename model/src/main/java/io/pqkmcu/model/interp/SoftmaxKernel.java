package io.pqkmcu.model.interp;

import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

/**
 * Reference int8 softmax: TFLite's integer algorithm (gemmlowp fixed point), one row per pixel over
 * its channels. For each row: max; for every x with diff = x − max ≥ diffMin, the diff scaled into
 * Q5.26, exp(diff) in Q0.31 (a Taylor polynomial on [−1/4, 0) and a barrel shifter of exp(−2^k)
 * constants), summed in Q12.19; the reciprocal of the sum by Newton-Raphson in Q2.29; output =
 * exp · (1/sum) rounded to Q0.8, minus 128. The C twin is {@code pqk_softmax_s8.c}; every step rounds
 * the same way.
 */
final class SoftmaxKernel {
    private static final int[] EXP_MULTIPLIERS = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};

    private SoftmaxKernel() {}

    static void run(SoftmaxOp op, TensorSpec inSpec, byte[] in, byte[] out) {
        int depth = inSpec.channels();
        for (int r = 0; r < in.length / depth; r++) {
            int base = r * depth;
            int max = -128;
            for (int c = 0; c < depth; c++) {
                max = Math.max(max, in[base + c]);
            }
            int sum = 0;
            for (int c = 0; c < depth; c++) {
                int diff = in[base + c] - max;
                if (diff >= op.diffMin()) {
                    sum += QuantMath.roundingDivideByPOT(expNegative(scaled(op, diff)), 12);
                }
            }
            int headroom = Integer.numberOfLeadingZeros(sum);
            int bitsOverUnit = 12 - headroom;
            int scale = oneOverOnePlusX((int) (((long) sum << headroom) - (1L << 31)));
            for (int c = 0; c < depth; c++) {
                int diff = in[base + c] - max;
                if (diff >= op.diffMin()) {
                    int e = expNegative(scaled(op, diff));
                    int v = QuantMath.roundingDivideByPOT(QuantMath.saturatingRoundingDoublingHighMul(scale, e),
                            bitsOverUnit + 31 - 8) - 128;
                    out[base + c] = (byte) Math.max(-128, Math.min(127, v));
                } else {
                    out[base + c] = -128;
                }
            }
        }
    }

    /** diff in Q5.26: SRDHM(diff · 2^leftShift, multiplier). */
    private static int scaled(SoftmaxOp op, int diff) {
        return QuantMath.saturatingRoundingDoublingHighMul(diff * (1 << op.inputLeftShift()), op.inputMultiplier());
    }

    /** gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent. */
    private static int shiftLeftSaturating(int x, int e) {
        int threshold = (1 << (31 - e)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << e;
    }

    /** exp(a) for a in [−1/4, 0), Q0.31. */
    private static int expQuarter(int a) {
        int constantTerm = 1895147668;
        int oneThird = 715827883;
        int x = a + (1 << 28);
        int x2 = QuantMath.saturatingRoundingDoublingHighMul(x, x);
        int x3 = QuantMath.saturatingRoundingDoublingHighMul(x2, x);
        int x4 = QuantMath.saturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = QuantMath.roundingDivideByPOT(x4, 2);
        int poly = QuantMath.roundingDivideByPOT(
                QuantMath.saturatingRoundingDoublingHighMul(x4Over4 + x3, oneThird) + x2, 1);
        return constantTerm + QuantMath.saturatingRoundingDoublingHighMul(constantTerm, x + poly);
    }

    /** exp(a) for a ≤ 0 in Q5.26; result Q0.31. */
    static int expNegative(int a) {
        int quarter = 1 << 24;
        int aModQuarterMinusQuarter = (a & (quarter - 1)) - quarter;
        int remainder = aModQuarterMinusQuarter - a;
        int result = expQuarter(shiftLeftSaturating(aModQuarterMinusQuarter, 5));
        for (int k = 0; k < EXP_MULTIPLIERS.length; k++) {
            if ((remainder & (1 << (24 + k))) != 0) {
                result = QuantMath.saturatingRoundingDoublingHighMul(result, EXP_MULTIPLIERS[k]);
            }
        }
        return a == 0 ? Integer.MAX_VALUE : result;
    }

    /** 1 / (1 + x) for x in [0, 1), Q0.31 in and out (Newton-Raphson in Q2.29). */
    private static int oneOverOnePlusX(int x) {
        long sum = (long) x + Integer.MAX_VALUE;
        int halfDenominator = (int) ((sum + (sum >= 0 ? 1 : -1)) / 2);
        int r = 1515870810 + QuantMath.saturatingRoundingDoublingHighMul(halfDenominator, -1010580540);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesR = QuantMath.saturatingRoundingDoublingHighMul(halfDenominator, r);
            int oneMinus = (1 << 29) - halfDenominatorTimesR;
            r = r + shiftLeftSaturating(QuantMath.saturatingRoundingDoublingHighMul(r, oneMinus), 2);
        }
        return shiftLeftSaturating(r, 1);
    }
}
