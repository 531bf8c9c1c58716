/*
 * pqk_convolve_1x1_sparse_s8_test.c - the sparse pointwise convolution on the 1x1 cases of
 * vectors/conv_vectors.h through their PQKS1 tables (out of place, and in place where C_OUT <= C_IN), and on
 * a hand-derived all-pruned layer.
 */
#include "pqk_test.h"
#include "vectors/conv_vectors.h"

/*
 * Worked by hand: every weight pruned, so each output is the requantized bias: biases {-100, 100}, multiplier
 * 2^30, shift 0 (general path, real 1/2, SRDHM alone): -50, 50; output zero point 100 and the full range:
 * {-50 + 100, 50 + 100 -> 127 (saturated)} = {50, 127} at each of the 2x2 pixels.
 */
static const uint8_t empty_stream[1] = {0};
static const pqk_channel_quant pruned_quant[2] = {{-100, 1 << 30, 0}, {100, 1 << 30, 0}};
static const int8_t pruned_input[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
static const int8_t pruned_expected[8] = {50, 127, 50, 127, 50, 127, 50, 127};

static void run(const pqk_test_conv_case *tc)
{
    const int32_t scratch = pqk_convolve_1x1_sparse_s8_get_buffer_size(&tc->table, &tc->filter_dims);
    PQK_RUN_SPARSE_CONV(tc, pqk_convolve_1x1_sparse_s8, scratch, 0);
    if (tc->output_dims.c <= tc->input_dims.c) {
        PQK_RUN_SPARSE_CONV(tc, pqk_convolve_1x1_sparse_s8, scratch, 1);
    }
}

int main(void)
{
    const pqk_test_conv_case pruned = {"hand all pruned", {0, 100, {1, 1}, {0, 0}, {1, 1}, {-128, 127}},
                                       {1, 2, 2, 3}, {2, 1, 1, 3}, {1, 2, 2, 2}, pruned_input, NULL, pruned_quant,
                                       pruned_expected, {empty_stream, 0, 0, 0, 2, 3, 0, 1, 1, 1}};
    int i;
    int runs = 0;
    run(&pruned);
    for (i = 0; i < PQK_TEST_COUNT(conv_cases); i++) {
        const pqk_test_conv_case *tc = &conv_cases[i];
        if (tc->filter_dims.h == 1 && tc->filter_dims.w == 1 && tc->params.padding.h == 0
            && tc->params.padding.w == 0) {
            run(tc);
            runs++;
        }
    }
    PQK_CHECK("1x1 cases", runs >= 2);
    return pqk_test_finish(__FILE__);
}
