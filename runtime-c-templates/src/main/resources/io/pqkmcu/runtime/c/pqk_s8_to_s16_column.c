/*
 * pqk_s8_to_s16_column.c - one window of int8 inputs into a column of a dense column block: int16
 * with the input offset added, laid out as pqk_nn_support.h describes (DSP: two SXTAB16 and one
 * 8-byte store per four values).
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

void pqk_s8_to_s16_column(const int8_t *src, int16_t *block, int32_t column, int32_t n, int32_t offset)
{
    int16_t *dst = block + 4 * column;
    int32_t i;
#if defined(__ARM_FEATURE_DSP)
    const int32_t offset2 = pqk_dup16(offset);
    for (i = n >> 2; i > 0; i--) {
        const int32_t w = (int32_t)pqk_read_u32(src);
        uint32_t v[2];
        v[0] = (uint32_t)__sxtab16(offset2, w);
        v[1] = (uint32_t)pqk_sxtab16_ror8(offset2, w);
        memcpy(dst, v, 8);
        src += 4;
        dst += 4 * PQK_COLUMNS;
    }
#else
    for (i = n >> 2; i > 0; i--) {
        dst[0] = (int16_t)(src[0] + offset);
        dst[1] = (int16_t)(src[1] + offset);
        dst[2] = (int16_t)(src[2] + offset);
        dst[3] = (int16_t)(src[3] + offset);
        src += 4;
        dst += 4 * PQK_COLUMNS;
    }
#endif /* __ARM_FEATURE_DSP */
    dst -= 3 * column;
    for (i = n & 3; i > 0; i--) {
        *dst = (int16_t)(*src++ + offset);
        dst += PQK_COLUMNS;
    }
}
