/*
 * pqk_depthwise_conv_sparse_s8_test.c - the sparse depthwise convolution on every case of
 * vectors/depthwise_vectors.h through the PQKS1 tables of their filters (rows [C][KH*KW]; outputs equal the
 * dense kernels'), out of place and in place (it always may run in place), and on a hand-derived case.
 */
#include "pqk_test.h"
#include "vectors/depthwise_vectors.h"

/*
 * Worked by hand: a 1x3 map of C 2 = {10, 1, 20, 2, 30, 3}, input zero point 0, a 1x3 filter with padding 0x1.
 * Channel 0 keeps only its centre tap (weight 1), channel 1 is all pruned. Table rows [C][3]:
 * {0, 1, 0 | 0, 0, 0}: one weight +1 at position 1; b = 1, v = 1, g = 1 (escape 1): [esc: 1][G=0: 0][V=0: 0]
 * -> bits 1,0,0 -> byte 0x01, 3 bits, 2 entries, 1 non-zero.
 * Channel 0 = its input (10, 20, 30) times 1 plus bias 0; channel 1 = bias 7. Multiplier 2^30, shift 0
 * (general path, real 1/2; SRDHM rounds half up): 5, 10, 15 and 7 / 2 = 3.5 -> 4; zero point -1:
 * {4, 3, 9, 3, 14, 3}.
 */
static const uint8_t hand_stream[1] = {0x01};
static const pqk_channel_quant hand_quant[2] = {{0, 1 << 30, 0}, {7, 1 << 30, 0}};
static const int8_t hand_input[6] = {10, 1, 20, 2, 30, 3};
static const int8_t hand_expected[6] = {4, 3, 9, 3, 14, 3};

static void run(const pqk_test_conv_case *tc)
{
    const int32_t scratch = pqk_depthwise_conv_sparse_s8_get_buffer_size(&tc->table, &tc->params, &tc->input_dims,
                                                                         &tc->filter_dims, &tc->output_dims);
    PQK_RUN_SPARSE_CONV(tc, pqk_depthwise_conv_sparse_s8, scratch, 0);
    PQK_RUN_SPARSE_CONV(tc, pqk_depthwise_conv_sparse_s8, scratch, 1);
}

int main(void)
{
    const pqk_test_conv_case hand = {"hand centre tap and a pruned channel", {0, -1, {1, 1}, {0, 1}, {1, 1}, {-128, 127}},
                                     {1, 1, 3, 2}, {1, 1, 3, 2}, {1, 1, 3, 2}, hand_input, NULL, hand_quant,
                                     hand_expected, {hand_stream, 1, 2, 1, 2, 3, 1, 1, 1, 1}};
    int i;
    run(&hand);
    for (i = 0; i < PQK_TEST_COUNT(depthwise_cases); i++) {
        run(&depthwise_cases[i]);
    }
    return pqk_test_finish(__FILE__);
}
