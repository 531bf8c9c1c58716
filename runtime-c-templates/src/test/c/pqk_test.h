/*
 * pqk_test.h - the few helpers the kernel tests beside the C share (TFLM keeps kernels/<op>_test.cc beside
 * each kernel; these are their C99 twins). Each *_test.c is one program: it runs its cases, prints one
 * line per failed check (file:line, the case, the first mismatching index, expected and actual value)
 * and returns 1 if any check failed. KernelCTestsTest (src/test/java) compiles and runs every one on
 * the host under -fsanitize=address,undefined.
 *
 * Buffers are copied to the heap with their exact size (pqk_test_copy, pqk_test_alloc), so that
 * AddressSanitizer reports any read or write past a kernel's input, output or scratch.
 */
#ifndef PQK_TEST_H
#define PQK_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pqk_kernels.h"

/* ---- the case tables of the frozen vectors (vectors/<op>_vectors.h) --------------------------------- */

/* A convolution or depthwise case; table is the filter as a PQKS1 table (rows per pqk_kernels.h). */
typedef struct {
    const char *name;
    pqk_conv_params params;
    pqk_dims input_dims;
    pqk_dims filter_dims;
    pqk_dims output_dims;
    const int8_t *input;
    const int8_t *filter;
    const pqk_channel_quant *quant;
    const int8_t *expected;
    pqk_sparse_table table;
} pqk_test_conv_case;

typedef struct {
    const char *name;
    pqk_fc_params params;
    pqk_dims input_dims;
    pqk_dims filter_dims;
    pqk_dims output_dims;
    const int8_t *input;
    const int8_t *filter;
    const pqk_channel_quant *quant;
    const int8_t *expected;
    pqk_sparse_table table;
} pqk_test_fc_case;

typedef struct {
    const char *name;
    pqk_pool_params params;
    pqk_dims input_dims;
    pqk_dims pool_dims;
    pqk_dims output_dims;
    const int8_t *input;
    const int8_t *expected_avg;
    const int8_t *expected_max;
} pqk_test_pool_case;

typedef struct {
    const char *name;
    pqk_add_params params;
    int32_t size;
    const int8_t *input1;
    const int8_t *input2;
    const int8_t *expected;
} pqk_test_add_case;

typedef struct {
    const char *name;
    pqk_softmax_params params;
    int32_t rows;
    int32_t row_size;
    const int8_t *input;
    const int8_t *expected;
} pqk_test_softmax_case;

/* A front-end case: the config (generated tables), a clip of cfg->clip_samples, Q10 and int8 outputs. */
struct pqk_frontend_config;
typedef struct {
    const char *name;
    const struct pqk_frontend_config *config;
    const int16_t *audio;
    const int32_t *expected_raw;
    const int8_t *expected;
} pqk_test_frontend_case;

#define PQK_TEST_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- checks -------------------------------------------------------------------------------------- */

static int pqk_test_failures = 0;
static int pqk_test_checks = 0;

/* A condition; on failure prints file:line, the case name and the condition. */
#define PQK_CHECK(name, cond)                                                                                 \
    do {                                                                                                      \
        pqk_test_checks++;                                                                                    \
        if (!(cond)) {                                                                                        \
            pqk_test_failures++;                                                                              \
            printf("%s:%d: FAIL [%s] %s\n", __FILE__, __LINE__, (name), #cond);                               \
        }                                                                                                     \
    } while (0)

/* Two integers; on failure prints both. */
#define PQK_CHECK_EQ(name, expected, actual)                                                                  \
    do {                                                                                                      \
        const long long pqk_e_ = (long long)(expected);                                                       \
        const long long pqk_a_ = (long long)(actual);                                                         \
        pqk_test_checks++;                                                                                    \
        if (pqk_e_ != pqk_a_) {                                                                               \
            pqk_test_failures++;                                                                              \
            printf("%s:%d: FAIL [%s] %s: expected %lld, got %lld\n", __FILE__, __LINE__, (name), #actual,     \
                   pqk_e_, pqk_a_);                                                                           \
        }                                                                                                     \
    } while (0)

/* n int8 values; on failure prints the first mismatching index, both values and the mismatch count. */
#define PQK_CHECK_S8(name, expected, actual, n)                                                               \
    pqk_test_check_s8(__FILE__, __LINE__, (name), (expected), (actual), (n))

static inline void pqk_test_check_s8(const char *file, int line, const char *name, const int8_t *expected,
                                     const int8_t *actual, int32_t n)
{
    int32_t i;
    int32_t first = -1;
    int32_t mismatches = 0;
    pqk_test_checks++;
    for (i = 0; i < n; i++) {
        if (expected[i] != actual[i]) {
            if (first < 0) {
                first = i;
            }
            mismatches++;
        }
    }
    if (mismatches > 0) {
        pqk_test_failures++;
        printf("%s:%d: FAIL [%s] %d of %d values differ, first at index %d: expected %d, got %d\n", file, line,
               name, (int)mismatches, (int)n, (int)first, expected[first], actual[first]);
    }
}

/* Exits with the summary: 0 when every check passed. */
static inline int pqk_test_finish(const char *file)
{
    printf("%s: %d checks, %d failed\n", file, pqk_test_checks, pqk_test_failures);
    return pqk_test_failures == 0 ? 0 : 1;
}

/* ---- buffers ------------------------------------------------------------------------------------- */

/* bytes of heap (at least 1; malloc's alignment is 16 on the hosts we test on, the kernels need 8). */
static inline void *pqk_test_alloc(int32_t bytes)
{
    void *p = malloc(bytes > 0 ? (size_t)bytes : 1u);
    if (p == NULL) {
        printf("out of memory\n");
        exit(2);
    }
    memset(p, 0x5A, bytes > 0 ? (size_t)bytes : 1u); /* not zero: a kernel must not rely on cleared scratch */
    return p;
}

/* A heap copy of n bytes, exactly n long. */
static inline int8_t *pqk_test_copy(const int8_t *src, int32_t n)
{
    int8_t *p = (int8_t *)pqk_test_alloc(n);
    memcpy(p, src, (size_t)n);
    return p;
}

static inline int32_t pqk_test_size(const pqk_dims *d)
{
    return d->n * d->h * d->w * d->c;
}

/* A scratch context of exactly bytes (buf is NULL-free even for 0 bytes). */
static inline pqk_context pqk_test_context(int32_t bytes)
{
    pqk_context ctx;
    ctx.buf = pqk_test_alloc(bytes);
    ctx.size = bytes;
    return ctx;
}

/* ---- running a case ------------------------------------------------------------------------------ */

/* The dense convolution and depthwise kernels share one signature. */
typedef pqk_status (*pqk_test_conv_fn)(const pqk_context *ctx, const pqk_conv_params *params,
                                       const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                       const int8_t *input, const pqk_dims *filter_dims, const int8_t *filter,
                                       const pqk_dims *output_dims, int8_t *output);

/* So do the sparse ones, with a PQKS1 table for the filter. */
typedef pqk_status (*pqk_test_sparse_conv_fn)(const pqk_context *ctx, const pqk_conv_params *params,
                                              const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                              const int8_t *input, const pqk_dims *filter_dims,
                                              const pqk_sparse_table *filter, const pqk_dims *output_dims,
                                              int8_t *output);

/*
 * Runs one case through a dense (dense != NULL) or sparse kernel with exactly scratch bytes of scratch and
 * checks status and output. in_place: output == input, one buffer of max(input, output) bytes.
 */
static inline void pqk_test_run_conv(const char *file, int line, const pqk_test_conv_case *tc, pqk_test_conv_fn dense,
                                     pqk_test_sparse_conv_fn sparse, int32_t scratch, int in_place)
{
    const int32_t in_size = pqk_test_size(&tc->input_dims);
    const int32_t out_size = pqk_test_size(&tc->output_dims);
    char name[96];
    pqk_context ctx = pqk_test_context(scratch);
    int8_t *input;
    int8_t *output;
    int8_t *filter = NULL;
    pqk_status status;
    snprintf(name, sizeof name, "%s%s", tc->name, in_place ? " (in place)" : "");
    if (in_place) {
        input = (int8_t *)pqk_test_alloc(in_size > out_size ? in_size : out_size);
        memcpy(input, tc->input, (size_t)in_size);
        output = input;
    } else {
        input = pqk_test_copy(tc->input, in_size);
        output = (int8_t *)pqk_test_alloc(out_size);
    }
    if (dense != NULL) {
        filter = pqk_test_copy(tc->filter, pqk_test_size(&tc->filter_dims));
        status = dense(&ctx, &tc->params, tc->quant, &tc->input_dims, input, &tc->filter_dims, filter,
                       &tc->output_dims, output);
    } else {
        status = sparse(&ctx, &tc->params, tc->quant, &tc->input_dims, input, &tc->filter_dims, &tc->table,
                        &tc->output_dims, output);
    }
    pqk_test_checks++;
    if (status != PQK_OK) {
        pqk_test_failures++;
        printf("%s:%d: FAIL [%s] status %d\n", file, line, name, (int)status);
    } else {
        pqk_test_check_s8(file, line, name, tc->expected, output, out_size);
    }
    free(filter);
    if (!in_place) {
        free(output);
    }
    free(input);
    free(ctx.buf);
}

#define PQK_RUN_CONV(tc, fn, scratch, in_place)                                                               \
    pqk_test_run_conv(__FILE__, __LINE__, (tc), (fn), NULL, (scratch), (in_place))
#define PQK_RUN_SPARSE_CONV(tc, fn, scratch, in_place)                                                        \
    pqk_test_run_conv(__FILE__, __LINE__, (tc), NULL, (fn), (scratch), (in_place))

/* Average and max pooling share one signature. */
typedef pqk_status (*pqk_test_pool_fn)(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                                       const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output);

/* Runs one pooling through fn on heap copies of exactly the input's and output's size; checks both. */
static inline void pqk_test_run_pool(const char *file, int line, const char *name, pqk_test_pool_fn fn,
                                     const pqk_pool_params *p, const pqk_dims *in_dims, const int8_t *in,
                                     const pqk_dims *pool, const pqk_dims *out_dims, const int8_t *expected)
{
    const int32_t out_size = pqk_test_size(out_dims);
    int8_t *input = pqk_test_copy(in, pqk_test_size(in_dims));
    int8_t *output = (int8_t *)pqk_test_alloc(out_size);
    const pqk_status status = fn(p, in_dims, input, pool, out_dims, output);
    pqk_test_checks++;
    if (status != PQK_OK) {
        pqk_test_failures++;
        printf("%s:%d: FAIL [%s] status %d\n", file, line, name, (int)status);
    } else {
        pqk_test_check_s8(file, line, name, expected, output, out_size);
    }
    free(input);
    free(output);
}

#define PQK_RUN_POOL(name, fn, p, in_dims, in, pool, out_dims, expected)                                      \
    pqk_test_run_pool(__FILE__, __LINE__, (name), (fn), (p), (in_dims), (in), (pool), (out_dims), (expected))

#endif /* PQK_TEST_H */
