/*
 * pqk_fully_connected_s8_test.c - the fully connected kernel on hand-derived cases and on every case of
 * vectors/fully_connected_vectors.h (C_IN 1, 13, 24, 40; an input zero point of -128; saturation;
 * general-path shifts; an all-pruned row).
 */
#include "pqk_test.h"
#include "vectors/fully_connected_vectors.h"

/*
 * Worked by hand: 5 inputs {-3, -2, -1, 0, 1} with zero point -4 (offset +4: {1, 2, 3, 4, 5}), three rows
 *   w0 = {1, 1, 1, 1, 1} -> 15,  w1 = {0, 0, 0, 0, 0} (pruned) -> 0,  w2 = {-5, 4, -3, 2, -1} -> -5+8-9+8-5 = -3;
 * biases {1, -7, 0}: acc = {16, -7, -3}. Multiplier 2^30, shift 0 (general path, real 1/2), SRDHM rounds half
 * up: 8, -3.5 -> -3, -1.5 -> -1; output zero point 10 and clamp [-128, 12]: {12 (18 clamped), 7, 9}.
 */
static const int8_t hand_input[5] = {-3, -2, -1, 0, 1};
static const int8_t hand_filter[15] = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, -5, 4, -3, 2, -1};
static const pqk_channel_quant hand_quant[3] = {{1, 1 << 30, 0}, {-7, 1 << 30, 0}, {0, 1 << 30, 0}};
static const int8_t hand_expected[3] = {12, 7, 9};

static void run(const pqk_test_fc_case *tc)
{
    const int32_t in_size = pqk_test_size(&tc->input_dims);
    const int32_t out_size = tc->output_dims.c;
    int8_t *input = pqk_test_copy(tc->input, in_size);
    int8_t *filter = pqk_test_copy(tc->filter, out_size * in_size);
    int8_t *output = (int8_t *)pqk_test_alloc(out_size);
    PQK_CHECK_EQ(tc->name, PQK_OK, pqk_fully_connected_s8(&tc->params, tc->quant, &tc->input_dims, input,
                                                          &tc->filter_dims, filter, &tc->output_dims, output));
    PQK_CHECK_S8(tc->name, tc->expected, output, out_size);
    free(input);
    free(filter);
    free(output);
}

int main(void)
{
    const pqk_test_fc_case hand = {"hand 5 -> 3", {4, 10, {-128, 12}}, {1, 1, 1, 5}, {3, 1, 1, 5}, {1, 1, 1, 3},
                                   hand_input, hand_filter, hand_quant, hand_expected, {0}};
    int i;
    run(&hand);
    for (i = 0; i < PQK_TEST_COUNT(fc_cases); i++) {
        run(&fc_cases[i]);
    }
    return pqk_test_finish(__FILE__);
}
