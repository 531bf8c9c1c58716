/*
 * pqk_convolve_s8_test.c - the general convolution (im2col + 2x2 SMLAD kernel) on hand-derived cases and
 * on every frozen convolution case of vectors/conv_vectors.h (any kernel, stride, dilation, padding).
 */
#include "pqk_test.h"
#include "vectors/conv_vectors.h"

/*
 * Worked by hand: input 3x3x1 = 1..9 with zero point -1 (input_offset +1), a 2x2 filter of ones, stride 1,
 * no padding, bias 0. The windows' sums of (x + 1) are
 *   [1 2 4 5] -> 2+3+5+6 = 16,  [2 3 5 6] -> 20,  [4 5 7 8] -> 28,  [5 6 8 9] -> 32.
 * General path (shift -1, e = 1 < 2): multiplier 2^30 is 0.5, so SRDHM(acc, 2^30) = acc / 2 = 8, 10, 14, 16,
 * then a rounding divide by 2^1 = 4, 5, 7, 8; plus output zero point 3: 7, 8, 10, 11.
 * Fast path (shift -2): two channels, bias 0 and -16: acc = 16, 20, 28, 32 and 0, 4, 12, 16; /8 with TFLite
 * rounding (SRDHM halves exactly, then RDBP by 4 rounds half away from zero):
 *   2, 2.5 -> 3, 3.5 -> 4, 4  and  0, 0.5 -> 1, 1.5 -> 2, 2;  plus zero point 3:  5 6 7 7  and  3 4 5 5.
 */
static const int8_t hand_input[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
static const int8_t hand_filter[8] = {1, 1, 1, 1, 1, 1, 1, 1};
static const pqk_channel_quant hand_quant_general[1] = {{0, 1 << 30, -1}};
static const int8_t hand_expected_general[4] = {7, 8, 10, 11};
static const pqk_channel_quant hand_quant_fast[2] = {{0, 1 << 30, -2}, {-16, 1 << 30, -2}};
static const int8_t hand_expected_fast[8] = {5, 3, 6, 4, 7, 5, 7, 5};

/*
 * Padding by hand: the same input and filter with padding 1 and stride 2 gives a 2x2 output whose windows
 * hold one, two, two and four in-bounds cells (padded cells add nothing: they are zero after the offset):
 *   (0,0): [pad pad pad 1] -> 2;  (0,1): [pad pad 2 3] -> 3+4 = 7;  (1,0): [pad 4 pad 7] -> 5+8 = 13;
 *   (1,1): [5 6 8 9] -> 6+7+9+10 = 32.  Multiplier 2^30, shift 0 (general path): acc / 2 rounded by SRDHM
 *   (half up): 1, 3.5 -> 4, 6.5 -> 7, 16; output zero point -128 saturates nothing: -127, -124, -121, -112.
 */
static const pqk_channel_quant hand_quant_pad[1] = {{0, 1 << 30, 0}};
static const int8_t hand_expected_pad[4] = {-127, -124, -121, -112};

/*
 * Saturation by hand: a 1x1 input of 127 with input zero point -128 (offset 128), filter 127, bias 0:
 * acc = 255 * 127 = 32385; multiplier 2^30 with shift +10 gives 32385 * 2^10 / 2 = 16581120, far above 127:
 * the output clamps to 127; with the filter -127 it clamps to -128.
 */
static const int8_t sat_input[1] = {127};
static const int8_t sat_filter[2] = {127, -127};
static const pqk_channel_quant sat_quant[2] = {{0, 1 << 30, 10}, {0, 1 << 30, 10}};
static const int8_t sat_expected[2] = {127, -128};

static void run(const pqk_test_conv_case *tc)
{
    PQK_RUN_CONV(tc, pqk_convolve_s8, pqk_convolve_s8_get_buffer_size(&tc->input_dims, &tc->filter_dims), 0);
}

int main(void)
{
    const pqk_test_conv_case hand[] = {
        {"hand 2x2 general path", {1, 3, {1, 1}, {0, 0}, {1, 1}, {-128, 127}}, {1, 3, 3, 1}, {1, 2, 2, 1},
         {1, 2, 2, 1}, hand_input, hand_filter, hand_quant_general, hand_expected_general, {0}},
        {"hand 2x2 fast path", {1, 3, {1, 1}, {0, 0}, {1, 1}, {-128, 127}}, {1, 3, 3, 1}, {2, 2, 2, 1},
         {1, 2, 2, 2}, hand_input, hand_filter, hand_quant_fast, hand_expected_fast, {0}},
        {"hand 2x2 padding 1 stride 2", {1, -128, {2, 2}, {1, 1}, {1, 1}, {-128, 127}}, {1, 3, 3, 1},
         {1, 2, 2, 1}, {1, 2, 2, 1}, hand_input, hand_filter, hand_quant_pad, hand_expected_pad, {0}},
        {"hand saturation", {128, 0, {1, 1}, {0, 0}, {1, 1}, {-128, 127}}, {1, 1, 1, 1}, {2, 1, 1, 1},
         {1, 1, 1, 2}, sat_input, sat_filter, sat_quant, sat_expected, {0}},
    };
    int i;
    for (i = 0; i < PQK_TEST_COUNT(hand); i++) {
        run(&hand[i]);
    }
    for (i = 0; i < PQK_TEST_COUNT(conv_cases); i++) {
        run(&conv_cases[i]);
    }
    {
        /* scratch one byte short: PQK_ERROR_SIZE, not an overrun */
        const pqk_test_conv_case *tc = &conv_cases[0];
        pqk_context ctx = pqk_test_context(pqk_convolve_s8_get_buffer_size(&tc->input_dims, &tc->filter_dims) - 1);
        int8_t out[1];
        PQK_CHECK_EQ(tc->name, PQK_ERROR_SIZE, pqk_convolve_s8(&ctx, &tc->params, tc->quant, &tc->input_dims,
                                                               tc->input, &tc->filter_dims, tc->filter,
                                                               &tc->output_dims, out));
        free(ctx.buf);
    }
    return pqk_test_finish(__FILE__);
}
