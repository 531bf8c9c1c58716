/*
 * pqk_avgpool_s8_test.c - average pooling on hand-derived cases and on every case of vectors/pool_vectors.h
 * (padding whose cells are not counted, strides, a global average, a clamp).
 */
#include "pqk_test.h"
#include "vectors/pool_vectors.h"

/*
 * Worked by hand: a 2x2 map of C 2, pool 2x2 with padding 1 and stride 2 -> a 2x2 output whose windows each
 * hold one in-bounds cell, then the same map pooled 2x2 without padding -> one pixel.
 *   channel 0 = {1, 2, 3, -4}, channel 1 = {5, -5, 6, -7}
 *   padded:   every window is one cell, count 1: the input itself.
 *   unpadded: channel 0 sum 2, count 4: 0.5 -> 1 (half away from zero); channel 1 sum -1: -0.25 -> 0.
 *   and a third check: channel 1 = {-1, -1, -1, 1} sums to -2: -0.5 -> -1.
 */
static const int8_t hand_input[8] = {1, 5, 2, -5, 3, 6, -4, -7};
static const int8_t hand_input2[8] = {0, -1, 0, -1, 0, -1, 0, 1};
static const int8_t hand_expected_unpadded[2] = {1, 0};
static const int8_t hand_expected2[2] = {0, -1};

int main(void)
{
    const pqk_pool_params padded = {{2, 2}, {1, 1}, {-128, 127}};
    const pqk_pool_params unpadded = {{2, 2}, {0, 0}, {-128, 127}};
    const pqk_dims in_dims = {1, 2, 2, 2};
    const pqk_dims pool = {1, 2, 2, 1};
    const pqk_dims out_padded = {1, 2, 2, 2};
    const pqk_dims out_one = {1, 1, 1, 2};
    int i;
    PQK_RUN_POOL("hand padded", pqk_avgpool_s8, &padded, &in_dims, hand_input, &pool, &out_padded, hand_input);
    PQK_RUN_POOL("hand unpadded", pqk_avgpool_s8, &unpadded, &in_dims, hand_input, &pool, &out_one,
                 hand_expected_unpadded);
    PQK_RUN_POOL("hand -0.5", pqk_avgpool_s8, &unpadded, &in_dims, hand_input2, &pool, &out_one, hand_expected2);
    for (i = 0; i < PQK_TEST_COUNT(pool_cases); i++) {
        const pqk_test_pool_case *tc = &pool_cases[i];
        PQK_RUN_POOL(tc->name, pqk_avgpool_s8, &tc->params, &tc->input_dims, tc->input, &tc->pool_dims,
                     &tc->output_dims, tc->expected_avg);
    }
    return pqk_test_finish(__FILE__);
}
