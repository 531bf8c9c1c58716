/*
 * pqk_convolve_1x1_s8_test.c - the pointwise convolution on a hand-derived case and on the 1x1 cases of
 * vectors/conv_vectors.h (stride 1 and 2, C_IN 7 and 6, zero and -128 input zero points, saturation),
 * out of place and, where C_OUT <= C_IN, in place.
 */
#include "pqk_test.h"
#include "vectors/conv_vectors.h"

/*
 * Worked by hand: a 1x2 map of C_IN 5 (not a multiple of 4), input zero point 2 (input_offset -2), filter
 * rows w0 = {1, 2, 3, 4, 5} and w1 = {-1, 0, 0, 0, 1}, biases 10 and 0.
 *   pixel 0 = {3, 3, 3, 3, 3}: x - 2 = 1 each -> acc0 = 10 + 15 = 25, acc1 = 0 + (-1 + 1) = 0
 *   pixel 1 = {2, 4, 6, 8, 12}: x - 2 = {0, 2, 4, 6, 10} -> acc0 = 10 + 0 + 4 + 12 + 24 + 50 = 100,
 *                                                           acc1 = 0 - 0 + 10 = 10
 * Multiplier 2^30, shift -2 (fast path, real 1/8), TFLite's two roundings (SRDHM(acc, 2^30) = acc / 2 half
 * up, then / 4 half away from zero): 25 -> 12.5 -> 13 -> 3.25 -> 3,  0 -> 0,  100 -> 50 -> 12.5 -> 13,
 * 10 -> 5 -> 1.25 -> 1; output zero point -1: {2, -1, 12, 0}.
 */
static const int8_t hand_input[10] = {3, 3, 3, 3, 3, 2, 4, 6, 8, 12};
static const int8_t hand_filter[10] = {1, 2, 3, 4, 5, -1, 0, 0, 0, 1};
static const pqk_channel_quant hand_quant[2] = {{10, 1 << 30, -2}, {0, 1 << 30, -2}};
static const int8_t hand_expected[4] = {2, -1, 12, 0};

static int is_1x1(const pqk_test_conv_case *tc)
{
    return tc->filter_dims.h == 1 && tc->filter_dims.w == 1 && tc->params.padding.h == 0 && tc->params.padding.w == 0;
}

static void run(const pqk_test_conv_case *tc)
{
    const int32_t scratch = pqk_convolve_1x1_s8_get_buffer_size(&tc->input_dims);
    PQK_RUN_CONV(tc, pqk_convolve_1x1_s8, scratch, 0);
    if (tc->output_dims.c <= tc->input_dims.c) {
        PQK_RUN_CONV(tc, pqk_convolve_1x1_s8, scratch, 1);
    }
}

int main(void)
{
    const pqk_test_conv_case hand = {"hand 1x1 C_IN 5", {-2, -1, {1, 1}, {0, 0}, {1, 1}, {-128, 127}},
                                     {1, 1, 2, 5}, {2, 1, 1, 5}, {1, 1, 2, 2}, hand_input, hand_filter, hand_quant,
                                     hand_expected, {0}};
    int i;
    int runs = 0;
    run(&hand);
    for (i = 0; i < PQK_TEST_COUNT(conv_cases); i++) {
        if (is_1x1(&conv_cases[i])) {
            run(&conv_cases[i]);
            runs++;
        }
    }
    PQK_CHECK("1x1 cases", runs >= 2);
    {
        /* in place with C_OUT > C_IN would overwrite inputs still to be read: refused */
        const pqk_test_conv_case *tc = &conv_cases[2]; /* conv_1x1_c7: 7 -> 9 */
        int8_t *buf = (int8_t *)pqk_test_alloc(pqk_test_size(&tc->output_dims));
        pqk_context ctx = pqk_test_context(pqk_convolve_1x1_s8_get_buffer_size(&tc->input_dims));
        memcpy(buf, tc->input, (size_t)pqk_test_size(&tc->input_dims));
        PQK_CHECK_EQ(tc->name, PQK_ERROR_ARGUMENT, pqk_convolve_1x1_s8(&ctx, &tc->params, tc->quant, &tc->input_dims,
                                                                       buf, &tc->filter_dims, tc->filter,
                                                                       &tc->output_dims, buf));
        free(ctx.buf);
        free(buf);
    }
    return pqk_test_finish(__FILE__);
}
