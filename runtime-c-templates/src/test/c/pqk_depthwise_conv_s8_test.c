/*
 * pqk_depthwise_conv_s8_test.c - the general depthwise convolution (four channels at a time) on a
 * hand-derived case and on every case of vectors/depthwise_vectors.h (3x3 and 5x3 kernels, strides,
 * dilation, padding, C = 3, 4, 5, 6, 9, saturation, general-path shifts, an all-pruned channel), out of
 * place and in place where pqk_depthwise_conv_in_place_rows allows it.
 */
#include "pqk_test.h"
#include "vectors/depthwise_vectors.h"

/*
 * Worked by hand: a 2x2 map of C 5 (four channels in one group plus one left over), input zero point 0,
 * a 2x2 filter, no padding: one output pixel, channel c's sum is sum over the taps of x * w.
 * Input pixels (each 5 channels): p0 = {1, 2, 3, 4, 5}, p1 = {1, 1, 1, 1, 1}, p2 = {0, 0, 0, 0, 0},
 * p3 = {-1, -2, -3, -4, -5}; weights tap-major [1, 2, 2, 5]: tap0 = {1, 1, 1, 1, 1}, tap1 = {2, 2, 2, 2, 2},
 * tap2 = {9, 9, 9, 9, 9}, tap3 = {1, 1, 1, 1, 2}.
 *   acc_c = p0[c] + 2 + 0 + p3[c] * w3[c] = {1+2-1, 2+2-2, 3+2-3, 4+2-4, 5+2-10} = {2, 2, 2, 2, -3}
 * With biases {0, 8, -8, 100, 0} the sums are {2, 10, -6, 102, -3}. Multiplier 2^30, shift -1 (general
 * path, real 1/4): SRDHM(acc, 2^30) = acc / 2 (half up: -1.5 -> -1), then / 2 half away from zero:
 *   2 -> 1 -> 0.5 -> 1,  10 -> 5 -> 2.5 -> 3,  -6 -> -3 -> -1.5 -> -2,  102 -> 51 -> 25.5 -> 26,
 *   -3 -> -1.5 -> -1 -> -0.5 -> -1;  zero point 0.
 */
static const int8_t hand_input[20] = {1, 2, 3, 4, 5, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, -1, -2, -3, -4, -5};
static const int8_t hand_filter[20] = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 9, 9, 9, 9, 9, 1, 1, 1, 1, 2};
static const pqk_channel_quant hand_quant[5] = {
    {0, 1 << 30, -1}, {8, 1 << 30, -1}, {-8, 1 << 30, -1}, {100, 1 << 30, -1}, {0, 1 << 30, -1}};
static const int8_t hand_expected[5] = {1, 3, -2, 26, -1};

static void run(const pqk_test_conv_case *tc)
{
    int32_t rows = pqk_depthwise_conv_in_place_rows(&tc->params, &tc->input_dims, &tc->filter_dims, &tc->output_dims);
    PQK_RUN_CONV(tc, pqk_depthwise_conv_s8,
                 pqk_depthwise_conv_s8_get_buffer_size(&tc->params, &tc->input_dims, &tc->filter_dims,
                                                       &tc->output_dims, 0), 0);
    if (rows > 0) {
        PQK_RUN_CONV(tc, pqk_depthwise_conv_s8,
                     pqk_depthwise_conv_s8_get_buffer_size(&tc->params, &tc->input_dims, &tc->filter_dims,
                                                           &tc->output_dims, 1), 1);
    }
}

int main(void)
{
    const pqk_test_conv_case hand = {"hand 2x2 C 5", {0, 0, {1, 1}, {0, 0}, {1, 1}, {-128, 127}}, {1, 2, 2, 5},
                                     {1, 2, 2, 5}, {1, 1, 1, 5}, hand_input, hand_filter, hand_quant, hand_expected,
                                     {0}};
    int i;
    run(&hand);
    for (i = 0; i < PQK_TEST_COUNT(depthwise_cases); i++) {
        run(&depthwise_cases[i]);
    }
    /* by hand: 3x3, stride 1, padding 1 keeps the output the input's size; row 0 is written back only after
       row 1 is computed (it reads input row 0), so two rows of the ring: in_place_rows = 2 */
    PQK_CHECK_EQ("in-place rows dw_3x3_same", 2,
                 pqk_depthwise_conv_in_place_rows(&depthwise_cases[0].params, &depthwise_cases[0].input_dims,
                                                  &depthwise_cases[0].filter_dims, &depthwise_cases[0].output_dims));
    return pqk_test_finish(__FILE__);
}
