/*
 * pqk_max_pool_s8_test.c - max pooling on hand-derived cases and on every case of vectors/pool_vectors.h.
 */
#include "pqk_test.h"
#include "vectors/pool_vectors.h"

/*
 * Worked by hand: a 2x3 map of C 1 = {-128, -100, 5, -128, 7, 127}, pool 2x2, stride 1, padding 0x1:
 * output width (3 + 2 - 2) / 1 + 1 = 4, height 1. Windows (padded cells are ignored, not zero):
 *   x = 0: {-128, -128} -> -128 (all-negative window: padding must not win);  x = 1: {-128, -100, -128, 7} -> 7;
 *   x = 2: {-100, 5, 7, 127} -> 127;  x = 3: {5, 127} -> 127.
 * Clamp [-120, 100]: {-120, 7, 100, 100}.
 */
static const int8_t hand_input[6] = {-128, -100, 5, -128, 7, 127};
static const int8_t hand_expected[4] = {-120, 7, 100, 100};

int main(void)
{
    const pqk_pool_params p = {{1, 1}, {0, 1}, {-120, 100}};
    const pqk_dims in_dims = {1, 2, 3, 1};
    const pqk_dims pool = {1, 2, 2, 1};
    const pqk_dims out_dims = {1, 1, 4, 1};
    int i;
    PQK_RUN_POOL("hand 2x2 padding 0x1", pqk_max_pool_s8, &p, &in_dims, hand_input, &pool, &out_dims, hand_expected);
    for (i = 0; i < PQK_TEST_COUNT(pool_cases); i++) {
        const pqk_test_pool_case *tc = &pool_cases[i];
        PQK_RUN_POOL(tc->name, pqk_max_pool_s8, &tc->params, &tc->input_dims, tc->input, &tc->pool_dims,
                     &tc->output_dims, tc->expected_max);
    }
    return pqk_test_finish(__FILE__);
}
