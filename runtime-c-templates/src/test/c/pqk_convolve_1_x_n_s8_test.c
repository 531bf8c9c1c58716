/*
 * pqk_convolve_1_x_n_s8_test.c - the 1xN convolution (one contiguous window run per output pixel) on a
 * hand-derived case with padding and on the 1xN cases of vectors/conv_vectors.h.
 */
#include "pqk_test.h"
#include "vectors/conv_vectors.h"

/*
 * Worked by hand: a 1x4 row of C_IN 1 = {10, 20, 30, 40}, input zero point 0, filter 1x3 = {1, 2, 3},
 * padding 1 on both sides, stride 2, bias 0: output width (4 + 2 - 3) / 2 + 1 = 2.
 *   x = 0: window [pad 10 20] -> 2*10 + 3*20 = 80;  x = 1: window [20 30 40] -> 20 + 60 + 120 = 200.
 * Multiplier 2^30, shift -3 (fast path, real 1/16): 80/16 = 5, 200/16 = 12.5 -> 13; zero point 5: {10, 18}.
 */
static const int8_t hand_input[4] = {10, 20, 30, 40};
static const int8_t hand_filter[3] = {1, 2, 3};
static const pqk_channel_quant hand_quant[1] = {{0, 1 << 30, -3}};
static const int8_t hand_expected[2] = {10, 18};

static void run(const pqk_test_conv_case *tc)
{
    PQK_RUN_CONV(tc, pqk_convolve_1_x_n_s8, pqk_convolve_1_x_n_s8_get_buffer_size(&tc->input_dims, &tc->filter_dims),
                 0);
}

int main(void)
{
    const pqk_test_conv_case hand = {"hand 1x3 padding 1 stride 2", {0, 5, {1, 2}, {0, 1}, {1, 1}, {-128, 127}},
                                     {1, 1, 4, 1}, {1, 1, 3, 1}, {1, 1, 2, 1}, hand_input, hand_filter, hand_quant,
                                     hand_expected, {0}};
    int i;
    int runs = 0;
    run(&hand);
    for (i = 0; i < PQK_TEST_COUNT(conv_cases); i++) {
        if (conv_cases[i].filter_dims.h == 1 && conv_cases[i].params.dilation.w == 1) {
            run(&conv_cases[i]);
            runs++;
        }
    }
    PQK_CHECK("1xN cases", runs >= 2);
    return pqk_test_finish(__FILE__);
}
