/*
 * pqk_softmax_s8.c - int8 softmax with TFLite's integer algorithm (gemmlowp fixed point):
 *   diff = x - max(row); values with diff < diff_min give -128 and add nothing;
 *   exp(diff) in Q0.31 from diff scaled into Q5.26 (input_multiplier << input_left_shift): a Taylor
 *   polynomial on [-1/4, 0) and a barrel shifter of exp(-2^k) constants;
 *   the sum in Q12.19, its reciprocal by Newton-Raphson in Q2.29, output = exp * 1/sum in Q0.8 - 128.
 * Bit-exact with io.pqkmcu.trainer.interp.SoftmaxKernel (same steps, same roundings).
 */
#include "pqk_kernel_util.h"

/* gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent: x * 2^e saturated. */
static int32_t pqk_sm_shift_left_sat(int32_t x, int32_t e)
{
    const int32_t threshold = (int32_t)((1u << (31 - e)) - 1u);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << e);
}

/* exp(a) for a in [-1/4, 0), Q0.31 in and out. */
static int32_t pqk_sm_exp_quarter(int32_t a)
{
    const int32_t constant_term = 1895147668;   /* exp(-1/8) */
    const int32_t constant_1_over_3 = 715827883;
    const int32_t x = a + (1 << 28);            /* a + 1/8 */
    const int32_t x2 = pqk_sat_rounding_doubling_high_mul(x, x);
    const int32_t x3 = pqk_sat_rounding_doubling_high_mul(x2, x);
    const int32_t x4 = pqk_sat_rounding_doubling_high_mul(x2, x2);
    const int32_t x4_over_4 = pqk_rounding_divide_by_pot(x4, 2);
    const int32_t poly = pqk_rounding_divide_by_pot(
        pqk_sat_rounding_doubling_high_mul(x4_over_4 + x3, constant_1_over_3) + x2, 1);
    return constant_term + pqk_sat_rounding_doubling_high_mul(constant_term, x + poly);
}

/* exp(a) for a <= 0 in Q5.26, result in Q0.31. */
static int32_t pqk_sm_exp_negative(int32_t a)
{
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const int32_t quarter = 1 << 24;
    const int32_t a_mod_quarter_minus_quarter = (a & (quarter - 1)) - quarter;
    const int32_t remainder = a_mod_quarter_minus_quarter - a;
    int32_t result = pqk_sm_exp_quarter(pqk_sm_shift_left_sat(a_mod_quarter_minus_quarter, 5));
    int32_t k;
    for (k = 0; k < 7; k++) {
        if (remainder & (1 << (24 + k))) {
            result = pqk_sat_rounding_doubling_high_mul(result, multipliers[k]);
        }
    }
    return a == 0 ? INT32_MAX : result;
}

/* 1 / (1 + x) for x in [0, 1) in Q0.31; the result in Q0.31. */
static int32_t pqk_sm_one_over_one_plus_x(int32_t x)
{
    const int64_t sum = (int64_t)x + INT32_MAX;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    const int32_t constant_48_over_17 = 1515870810;
    const int32_t constant_neg_32_over_17 = -1010580540;
    int32_t r = constant_48_over_17 + pqk_sat_rounding_doubling_high_mul(half_denominator, constant_neg_32_over_17);
    int32_t i;
    for (i = 0; i < 3; i++) {
        const int32_t half_denominator_times_r = pqk_sat_rounding_doubling_high_mul(half_denominator, r);
        const int32_t one_minus = (1 << 29) - half_denominator_times_r;
        r = r + pqk_sm_shift_left_sat(pqk_sat_rounding_doubling_high_mul(r, one_minus), 2);
    }
    return pqk_sm_shift_left_sat(r, 1);
}

/* The leading zeros of a positive value (1..31). */
static int32_t pqk_sm_clz(uint32_t x)
{
    int32_t n = 0;
    while ((x & 0x80000000u) == 0u) {
        x <<= 1;
        n++;
    }
    return n;
}

pqk_status pqk_softmax_s8(const pqk_softmax_params *params, const int8_t *input, int32_t rows, int32_t row_size,
                          int8_t *output)
{
    int32_t r;
    if (rows < 0 || row_size <= 0 || params->input_multiplier < 0 || params->input_left_shift < 0
        || params->input_left_shift > 30 || params->diff_min > 0) {
        return PQK_ERROR_ARGUMENT;
    }
    for (r = 0; r < rows; r++) {
        const int8_t *in = input + r * row_size;
        int8_t *out = output + r * row_size;
        int32_t max = -128;
        int32_t sum = 0;
        int32_t headroom;
        int32_t bits_over_unit;
        int32_t scale;
        int32_t c;
        for (c = 0; c < row_size; c++) {
            max = in[c] > max ? in[c] : max;
        }
        for (c = 0; c < row_size; c++) {
            const int32_t diff = in[c] - max;
            if (diff >= params->diff_min) {
                const int32_t scaled = pqk_sat_rounding_doubling_high_mul(diff * (1 << params->input_left_shift),
                                                                          params->input_multiplier);
                sum += pqk_rounding_divide_by_pot(pqk_sm_exp_negative(scaled), 12);
            }
        }
        headroom = pqk_sm_clz((uint32_t)sum);
        bits_over_unit = 12 - headroom;
        scale = pqk_sm_one_over_one_plus_x((int32_t)(((uint32_t)sum << headroom) - 0x80000000u));
        for (c = 0; c < row_size; c++) {
            const int32_t diff = in[c] - max;
            if (diff >= params->diff_min) {
                const int32_t scaled = pqk_sat_rounding_doubling_high_mul(diff * (1 << params->input_left_shift),
                                                                          params->input_multiplier);
                const int32_t e = pqk_sm_exp_negative(scaled);
                const int32_t v = pqk_rounding_divide_by_pot(pqk_sat_rounding_doubling_high_mul(scale, e),
                                                             bits_over_unit + 31 - 8) - 128;
                out[c] = pqk_clamp_s8(v, -128, 127);
            } else {
                out[c] = -128;
            }
        }
    }
    return PQK_OK;
}
