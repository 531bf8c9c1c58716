/*
 * pqk_fully_connected_sparse_s8_test.c - the sparse fully connected kernel on every case of
 * vectors/fully_connected_vectors.h through the PQKS1 tables of their weights (outputs equal the dense
 * kernel's), and on a hand-derived all-pruned layer.
 */
#include "pqk_test.h"
#include "vectors/fully_connected_vectors.h"

/*
 * Worked by hand: every weight pruned, so each output is the requantized bias: biases {16, -7, -3},
 * multiplier 2^30, shift 0 (general path, real 1/2; SRDHM rounds half up: -3.5 -> -3, -1.5 -> -1):
 * 8, -3, -1; output zero point 10: {18, 7, 9}.
 */
static const uint8_t empty_stream[1] = {0};
static const pqk_channel_quant pruned_quant[3] = {{16, 1 << 30, 0}, {-7, 1 << 30, 0}, {-3, 1 << 30, 0}};
static const int8_t pruned_input[5] = {1, 2, 3, 4, 5};
static const int8_t pruned_expected[3] = {18, 7, 9};

static void run(const pqk_test_fc_case *tc)
{
    const int32_t in_size = pqk_test_size(&tc->input_dims);
    const int32_t out_size = tc->output_dims.c;
    pqk_context ctx = pqk_test_context(pqk_fully_connected_sparse_s8_get_buffer_size(&tc->table));
    int8_t *input = pqk_test_copy(tc->input, in_size);
    int8_t *output = (int8_t *)pqk_test_alloc(out_size);
    PQK_CHECK_EQ(tc->name, PQK_OK, pqk_fully_connected_sparse_s8(&ctx, &tc->params, tc->quant, &tc->input_dims, input,
                                                                 &tc->filter_dims, &tc->table, &tc->output_dims,
                                                                 output));
    PQK_CHECK_S8(tc->name, tc->expected, output, out_size);
    free(ctx.buf);
    free(input);
    free(output);
}

int main(void)
{
    const pqk_test_fc_case pruned = {"hand all pruned", {3, 10, {-128, 127}}, {1, 1, 1, 5}, {3, 1, 1, 5},
                                     {1, 1, 1, 3}, pruned_input, NULL, pruned_quant, pruned_expected,
                                     {empty_stream, 0, 0, 0, 3, 5, 0, 1, 1, 1}};
    int i;
    run(&pruned);
    for (i = 0; i < PQK_TEST_COUNT(fc_cases); i++) {
        run(&fc_cases[i]);
    }
    return pqk_test_finish(__FILE__);
}
