/*
 * pqk_depthwise_util.h - pieces the dense depthwise kernels share: the multiply-accumulate of one tap
 * for four channels, their requantization, and the row ring that lets them run in place. Internal.
 */
#ifndef PQK_DEPTHWISE_UTIL_H
#define PQK_DEPTHWISE_UTIL_H

#include "pqk_kernel_util.h"

/*
 * a0..a3 += (x[c] + offset) * w[c] for the four channels at in and w (a0..a3 and offset2 are locals
 * of the caller; offset2 = the offset in both int16 lanes). DSP: SXTAB16 adds the offset while
 * unpacking, SMLABB/SMLATT multiply the lanes (bytes 0 and 2 in one word, 1 and 3 in the other).
 */
#if defined(__ARM_FEATURE_DSP)
#define PQK_DW_TAP4(in, w)                                                                                   \
    do {                                                                                                     \
        const int32_t x_ = (int32_t)pqk_read_u32(in);                                                        \
        const int32_t k_ = (int32_t)pqk_read_u32(w);                                                         \
        const int32_t x02_ = __sxtab16(offset2, x_);                                                         \
        const int32_t x13_ = pqk_sxtab16_ror8(offset2, x_);                                                  \
        const int32_t k02_ = __sxtb16(k_);                                                                   \
        const int32_t k13_ = pqk_sxtb16_ror8(k_);                                                            \
        a0 = __smlabb(x02_, k02_, a0);                                                                       \
        a2 = __smlatt(x02_, k02_, a2);                                                                       \
        a1 = __smlabb(x13_, k13_, a1);                                                                       \
        a3 = __smlatt(x13_, k13_, a3);                                                                       \
    } while (0)
#else
#define PQK_DW_TAP4(in, w)                                                                                   \
    do {                                                                                                     \
        a0 += ((int32_t)(in)[0] + offset2) * (w)[0];                                                         \
        a1 += ((int32_t)(in)[1] + offset2) * (w)[1];                                                         \
        a2 += ((int32_t)(in)[2] + offset2) * (w)[2];                                                         \
        a3 += ((int32_t)(in)[3] + offset2) * (w)[3];                                                         \
    } while (0)
#endif /* __ARM_FEATURE_DSP */

/* The offset operand PQK_DW_TAP4 expects: both int16 lanes on DSP cores, the plain value elsewhere. */
static inline int32_t pqk_dw_offset2(int32_t input_offset)
{
#if defined(__ARM_FEATURE_DSP)
    return pqk_dup16(input_offset);
#else
    return input_offset;
#endif /* __ARM_FEATURE_DSP */
}

/* Requantizes and stores the four outputs of channels c..c+3. */
#define PQK_DW_STORE4(out, q, mode, p)                                                                       \
    do {                                                                                                     \
        (out)[0] = pqk_requant_output(a0, &(q)[0], mode, (p)->output_offset, &(p)->activation);             \
        (out)[1] = pqk_requant_output(a1, &(q)[1], mode, (p)->output_offset, &(p)->activation);             \
        (out)[2] = pqk_requant_output(a2, &(q)[2], mode, (p)->output_offset, &(p)->activation);             \
        (out)[3] = pqk_requant_output(a3, &(q)[3], mode, (p)->output_offset, &(p)->activation);             \
    } while (0)

/* Where output row oy goes: the output itself, or its slot in the ring when running in place. */
static inline int8_t *pqk_dw_row_out(int8_t *output, int8_t *ring, int32_t ring_rows, int32_t row_bytes, int32_t oy)
{
    return ring_rows > 0 ? ring + (oy % ring_rows) * row_bytes : output + oy * row_bytes;
}

/* After row oy: writes back the ring row that no later row's input overlaps (or all at the end). */
static inline void pqk_dw_commit(int8_t *output, const int8_t *ring, int32_t ring_rows, int32_t row_bytes,
                                 int32_t oy, int32_t out_h)
{
    int32_t y;
    if (ring_rows <= 0) {
        return;
    }
    y = oy - ring_rows + 1;
    if (oy == out_h - 1) {
        for (y = y < 0 ? 0 : y; y < out_h; y++) {
            memcpy(output + y * row_bytes, ring + (y % ring_rows) * row_bytes, (size_t)row_bytes);
        }
    } else if (y >= 0) {
        memcpy(output + y * row_bytes, ring + (y % ring_rows) * row_bytes, (size_t)row_bytes);
    }
}

/* Checks shared by the dense depthwise kernels; sets *ring_rows (0 unless in place). */
static inline pqk_status pqk_dw_check(const pqk_context *ctx, const pqk_conv_params *params,
                                      const pqk_dims *input_dims, const int8_t *input, const pqk_dims *filter_dims,
                                      const pqk_dims *output_dims, const int8_t *output, int32_t *ring_rows)
{
    const int32_t ch = input_dims->c;
    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->n != 1 || filter_dims->h <= 0 || filter_dims->w <= 0 || filter_dims->c != ch
        || output_dims->c != ch) {
        return PQK_ERROR_ARGUMENT;
    }
    *ring_rows = 0;
    if (output == input) {
        *ring_rows = pqk_depthwise_conv_in_place_rows(params, input_dims, filter_dims, output_dims);
        if (*ring_rows <= 0) {
            return PQK_ERROR_ARGUMENT;
        }
        if (!pqk_context_ok(ctx, *ring_rows * output_dims->w * ch)) {
            return PQK_ERROR_SIZE;
        }
    }
    return PQK_OK;
}

#endif /* PQK_DEPTHWISE_UTIL_H */
