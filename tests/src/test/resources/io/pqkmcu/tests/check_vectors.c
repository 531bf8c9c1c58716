/*
 * check_vectors.c - host test driver for sanitizer runs: feeds every firmware test input
 * (firmware/test_data.S, expected outputs from the Java int8 reference) through the model — via the
 * front end for audio inputs — and prints PASS or the first mismatch per input. Built with
 * -fsanitize=address,undefined so the kernels run under ASan/UBSan outside the JVM.
 */
#include <stdio.h>

#include "model.h"
#include "test_data.h"

int main(void)
{
    static int8_t out[PQK_MODEL_OUTPUT_SIZE];
    const int32_t count = pqk_test_count();
    int failures = 0;
    int32_t v;
    for (v = 0; v < count; v++) {
        const pqk_test_input_t *input = &pqk_test_inputs[v * PQK_TEST_INPUT_ELEMENTS];
        const int8_t *expected = &pqk_test_expected[v * PQK_MODEL_OUTPUT_SIZE];
        int i;
#if PQK_TEST_AUDIO
        const pqk_status status = pqk_model_classify(input, out);
#else
        const pqk_status status = pqk_model_invoke(input, out);
#endif
        if (status != PQK_OK) {
            printf("vector %d: status %d\n", (int)v, (int)status);
            failures++;
            continue;
        }
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (out[i] != expected[i]) {
                printf("vector %d: output %d is %d, reference %d\n", (int)v, i, out[i], expected[i]);
                failures++;
                break;
            }
        }
    }
    printf("%s %d/%d\n", failures == 0 ? "PASS" : "FAIL", (int)count - failures, (int)count);
    return failures != 0 || count == 0;
}
