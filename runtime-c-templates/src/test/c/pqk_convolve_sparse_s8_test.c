/*
 * pqk_convolve_sparse_s8_test.c - the sparse convolution on every frozen convolution case of
 * vectors/conv_vectors.h, through the PQKS1 table the Java encoder made of the case's filter (the dense
 * kernels' expected outputs: sparse and dense must agree), and on a hand-derived all-pruned layer.
 */
#include "pqk_test.h"
#include "vectors/conv_vectors.h"

/*
 * Worked by hand: every weight pruned (an empty table), so each output is its channel's bias requantized:
 * biases {8, -8, 0}, multiplier 2^30, shift -2 (fast path, real 1/8): 8 -> 4 -> 1, -8 -> -4 -> -1, 0 -> 0;
 * output zero point 2: {3, 1, 2} at each of the 3x3 output pixels (a 3x3 kernel with padding 1 on 3x3x2).
 */
static const uint8_t empty_stream[1] = {0};
static const pqk_channel_quant pruned_quant[3] = {{8, 1 << 30, -2}, {-8, 1 << 30, -2}, {0, 1 << 30, -2}};
static const int8_t pruned_input[18] = {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16, 17, -18};
static const int8_t pruned_expected[27] = {3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2,
                                           3, 1, 2, 3, 1, 2};

static void run(const pqk_test_conv_case *tc)
{
    PQK_RUN_SPARSE_CONV(tc, pqk_convolve_sparse_s8, pqk_convolve_sparse_s8_get_buffer_size(&tc->table, &tc->filter_dims),
                        0);
}

int main(void)
{
    const pqk_test_conv_case pruned = {"hand all pruned", {-7, 2, {1, 1}, {1, 1}, {1, 1}, {-128, 127}},
                                       {1, 3, 3, 2}, {3, 3, 3, 2}, {1, 3, 3, 3}, pruned_input, NULL, pruned_quant,
                                       pruned_expected, {empty_stream, 0, 0, 0, 3, 18, 0, 1, 1, 1}};
    int i;
    run(&pruned);
    for (i = 0; i < PQK_TEST_COUNT(conv_cases); i++) {
        run(&conv_cases[i]);
    }
    return pqk_test_finish(__FILE__);
}
