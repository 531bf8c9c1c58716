/*
 * pqk_depthwise_conv_3x3_s8_test.c - the 3x3 depthwise kernel (int16 planes with a zero border) on a
 * hand-derived case and on the 3x3 cases of vectors/depthwise_vectors.h (padding 0 and 1, strides 1, 2 and
 * 1x2, C = 4, 5, 6, 9), out of place and in place (it always may run in place).
 */
#include "pqk_test.h"
#include "vectors/depthwise_vectors.h"

/*
 * Worked by hand: a 2x2 map of C 1 = {1, 2, 3, 4}, input zero point -1 (offset +1: {2, 3, 4, 5}), padding 1,
 * stride 1, filter 3x3 of ones except a centre of 2, bias 0. Every output pixel's window covers the whole
 * 2x2 map (the rest is padding, worth 0), and its own pixel sits at the centre:
 *   acc = (2 + 3 + 4 + 5) + own = 14 + {2, 3, 4, 5} = {16, 17, 18, 19}.
 * Multiplier 2^30, shift -2 (fast path, real 1/8), TFLite's two roundings: SRDHM(acc, 2^30) = acc / 2 rounded
 * half up, then a divide by 4 rounded half away from zero (so 19/8 = 2.375 becomes 9.5 -> 10 -> 2.5 -> 3):
 *   16 -> 8 -> 2,  17 -> 8.5 -> 9 -> 2.25 -> 2,  18 -> 9 -> 2,  19 -> 10 -> 3;  zero point -3: {-1, -1, -1, 0}.
 * A second channel (C 2 in all) with the centre weight 10: 14 + 9 * own = {32, 41, 50, 59}
 *   32 -> 16 -> 4,  41 -> 20.5 -> 21 -> 5.25 -> 5,  50 -> 25 -> 6.25 -> 6,  59 -> 29.5 -> 30 -> 7.5 -> 8;
 * zero point -3: {1, 2, 3, 5}.
 */
static const int8_t hand_input[8] = {1, 1, 2, 2, 3, 3, 4, 4};
static const int8_t hand_filter[18] = {1, 1, 1, 1, 1, 1, 1, 1, 2, 10, 1, 1, 1, 1, 1, 1, 1, 1};
static const pqk_channel_quant hand_quant[2] = {{0, 1 << 30, -2}, {0, 1 << 30, -2}};
static const int8_t hand_expected[8] = {-1, 1, -1, 2, -1, 3, 0, 5};

static int is_3x3(const pqk_test_conv_case *tc)
{
    return tc->filter_dims.h == 3 && tc->filter_dims.w == 3 && tc->params.dilation.h == 1
        && tc->params.dilation.w == 1 && tc->params.padding.h <= 1 && tc->params.padding.w <= 1;
}

static void run(const pqk_test_conv_case *tc)
{
    const int32_t scratch = pqk_depthwise_conv_3x3_s8_get_buffer_size(&tc->params, &tc->input_dims, &tc->output_dims);
    PQK_RUN_CONV(tc, pqk_depthwise_conv_3x3_s8, scratch, 0);
    PQK_RUN_CONV(tc, pqk_depthwise_conv_3x3_s8, scratch, 1);
}

int main(void)
{
    const pqk_test_conv_case hand = {"hand 3x3 padding 1", {1, -3, {1, 1}, {1, 1}, {1, 1}, {-128, 127}},
                                     {1, 2, 2, 2}, {1, 3, 3, 2}, {1, 2, 2, 2}, hand_input, hand_filter, hand_quant,
                                     hand_expected, {0}};
    int i;
    int runs = 0;
    run(&hand);
    for (i = 0; i < PQK_TEST_COUNT(depthwise_cases); i++) {
        if (is_3x3(&depthwise_cases[i])) {
            run(&depthwise_cases[i]);
            runs++;
        }
    }
    PQK_CHECK("3x3 cases", runs >= 4);
    return pqk_test_finish(__FILE__);
}
