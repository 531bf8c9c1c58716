/*
 * pqk_elementwise_add_s8_test.c - the element-wise add on a hand-derived case and on every case of
 * vectors/add_vectors.h (equal and 4:1 input scales, saturation both ways, a ReLU clamp), out of place and
 * in place (output == input1 and output == input2).
 */
#include "pqk_test.h"
#include "vectors/add_vectors.h"

/*
 * Worked by hand with multipliers that cancel: left shift 1 and input multipliers 2^30 (0.5) with shift 0
 * give SRDHM(2 * (x + offset), 2^30) = x + offset exactly; output multiplier 2^30 with shift +1 gives
 * SRDHM(2 * sum, 2^30) = sum. So out = clamp((x1 + 3) + (x2 - 5) - 2) (offsets 3 and -5, output zero point -2):
 *   x1 = {0, 100, -128, 127, 60}, x2 = {0, 100, -128, 127, -70}
 *   sums {3 - 5, 103 + 95, -125 - 133, 130 + 122, 63 - 75} - 2 = {-4, 196, -260, 250, -14}
 *   clamped to [-128, 127]: {-4, 127, -128, 127, -14}.
 */
static const int8_t hand_input1[5] = {0, 100, -128, 127, 60};
static const int8_t hand_input2[5] = {0, 100, -128, 127, -70};
static const int8_t hand_expected[5] = {-4, 127, -128, 127, -14};

/* where: 0 out of place, 1 output == input1, 2 output == input2 */
static void run(const pqk_test_add_case *tc, int where)
{
    char name[96];
    int8_t *in1 = pqk_test_copy(tc->input1, tc->size);
    int8_t *in2 = pqk_test_copy(tc->input2, tc->size);
    int8_t *out = where == 1 ? in1 : where == 2 ? in2 : (int8_t *)pqk_test_alloc(tc->size);
    snprintf(name, sizeof name, "%s%s", tc->name, where == 1 ? " (in place 1)" : where == 2 ? " (in place 2)" : "");
    PQK_CHECK_EQ(name, PQK_OK, pqk_elementwise_add_s8(&tc->params, in1, in2, tc->size, out));
    PQK_CHECK_S8(name, tc->expected, out, tc->size);
    if (where == 0) {
        free(out);
    }
    free(in1);
    free(in2);
}

int main(void)
{
    const pqk_test_add_case hand = {"hand cancelling multipliers",
                                    {3, 1 << 30, 0, -5, 1 << 30, 0, 1, -2, 1 << 30, 1, {-128, 127}}, 5,
                                    hand_input1, hand_input2, hand_expected};
    int i;
    int where;
    for (where = 0; where < 3; where++) {
        run(&hand, where);
        for (i = 0; i < PQK_TEST_COUNT(add_cases); i++) {
            run(&add_cases[i], where);
        }
    }
    return pqk_test_finish(__FILE__);
}
