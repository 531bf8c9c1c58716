/*
 * check_vectors.c - host test driver for sanitizer runs: feeds every firmware test vector
 * (firmware/test_vectors.c, expected outputs from the Java int8 reference) through pqk_model_invoke
 * and prints PASS or the first mismatch per vector. Built with -fsanitize=address,undefined so the
 * kernels run under ASan/UBSan outside the JVM.
 */
#include <stdio.h>

#include "model.h"
#include "test_vectors.h"

int main(void)
{
    static int8_t out[PQK_MODEL_OUTPUT_SIZE];
    int failures = 0;
    int v;
    for (v = 0; v < PQK_TEST_VECTOR_COUNT; v++) {
        int i;
        const pqk_status status = pqk_model_invoke(pqk_test_inputs[v], out);
        if (status != PQK_OK) {
            printf("vector %d: status %d\n", v, (int)status);
            failures++;
            continue;
        }
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (out[i] != pqk_test_expected[v][i]) {
                printf("vector %d: output %d is %d, reference %d\n", v, i, out[i], pqk_test_expected[v][i]);
                failures++;
                break;
            }
        }
    }
    printf("%s %d/%d\n", failures == 0 ? "PASS" : "FAIL", PQK_TEST_VECTOR_COUNT - failures, PQK_TEST_VECTOR_COUNT);
    return failures != 0;
}
