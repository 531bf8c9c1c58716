/*
 * pqk_softmax_s8_test.c - the integer softmax on hand-derived rows and on every case of
 * vectors/softmax_vectors.h (rows of 7, 12 and 256, values below diff_min), out of place and in place.
 */
#include "pqk_test.h"
#include "vectors/softmax_vectors.h"

/*
 * Worked by hand (output scale 1/256, zero point -128, so out = 256 * p - 128, clamped to 127):
 *   a row of n equal values: every diff is 0, exp(0) is 1 exactly (Q0.31 INT32_MAX), p = 1/n:
 *     n = 1 -> 256 - 128 = 128, clamped to 127;  n = 2 -> 128 - 128 = 0;  n = 4 -> 64 - 128 = -64.
 *   {100, -100} with diff_min -100: the second diff is -200 < diff_min, so it contributes nothing and outputs
 *     -128, and the first has p = 1 -> 127.
 * The values do not depend on the input multiplier here (every counted diff is 0).
 */
static const int8_t hand_input[9] = {5, -7, -7, 42, 42, 42, 42, 100, -100};
static const int8_t hand_expected[9] = {127, 0, 0, -64, -64, -64, -64, 127, -128};

static void run(const pqk_test_softmax_case *tc, int in_place)
{
    const int32_t n = tc->rows * tc->row_size;
    char name[96];
    int8_t *input = pqk_test_copy(tc->input, n);
    int8_t *output = in_place ? input : (int8_t *)pqk_test_alloc(n);
    snprintf(name, sizeof name, "%s%s", tc->name, in_place ? " (in place)" : "");
    PQK_CHECK_EQ(name, PQK_OK, pqk_softmax_s8(&tc->params, input, tc->rows, tc->row_size, output));
    PQK_CHECK_S8(name, tc->expected, output, n);
    if (!in_place) {
        free(output);
    }
    free(input);
}

int main(void)
{
    const pqk_softmax_params p = {1 << 30, 0, -100};
    const pqk_test_softmax_case hand[] = {
        {"hand row of 1", p, 1, 1, hand_input, hand_expected},
        {"hand row of 2", p, 1, 2, hand_input + 1, hand_expected + 1},
        {"hand row of 4", p, 1, 4, hand_input + 3, hand_expected + 3},
        {"hand below diff_min", p, 1, 2, hand_input + 7, hand_expected + 7},
    };
    int i;
    int in_place;
    for (in_place = 0; in_place < 2; in_place++) {
        for (i = 0; i < PQK_TEST_COUNT(hand); i++) {
            run(&hand[i], in_place);
        }
        for (i = 0; i < PQK_TEST_COUNT(softmax_cases); i++) {
            run(&softmax_cases[i], in_place);
        }
    }
    return pqk_test_finish(__FILE__);
}
