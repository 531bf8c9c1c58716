/*
 * pqk_s8_to_block_s16.c - fills a sparse block (pqk_nn_support.h) from four pixels' int8 inputs:
 * int16 with the input offset added, interleaved by input index. DSP cores convert four values of two
 * pixels per step: SXTAB16 unpacks each word with the offset, PKHBT/PKHTB pair the two pixels' lanes.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

void pqk_s8_to_block_s16(const int8_t *const src[PQK_SPARSE_BLOCK], int16_t *block, int32_t n, int32_t offset)
{
    const int8_t *s0 = src[0];
    const int8_t *s1 = src[1];
    const int8_t *s2 = src[2];
    const int8_t *s3 = src[3];
    int32_t i;
#if defined(__ARM_FEATURE_DSP)
    const int32_t offset2 = pqk_dup16(offset);
    for (i = n >> 2; i > 0; i--) {
        const int32_t a = (int32_t)pqk_read_u32(s0);
        const int32_t b = (int32_t)pqk_read_u32(s1);
        const int32_t c = (int32_t)pqk_read_u32(s2);
        const int32_t d = (int32_t)pqk_read_u32(s3);
        const uint32_t a02 = (uint32_t)__sxtab16(offset2, a);
        const uint32_t a13 = (uint32_t)pqk_sxtab16_ror8(offset2, a);
        const uint32_t b02 = (uint32_t)__sxtab16(offset2, b);
        const uint32_t b13 = (uint32_t)pqk_sxtab16_ror8(offset2, b);
        const uint32_t c02 = (uint32_t)__sxtab16(offset2, c);
        const uint32_t c13 = (uint32_t)pqk_sxtab16_ror8(offset2, c);
        const uint32_t d02 = (uint32_t)__sxtab16(offset2, d);
        const uint32_t d13 = (uint32_t)pqk_sxtab16_ror8(offset2, d);
        /* input k: (pixel 0 | pixel 1 << 16), (pixel 2 | pixel 3 << 16) */
        pqk_write_u32(block + 0, (a02 & 0xFFFFu) | (b02 << 16));
        pqk_write_u32(block + 2, (c02 & 0xFFFFu) | (d02 << 16));
        pqk_write_u32(block + 4, (a13 & 0xFFFFu) | (b13 << 16));
        pqk_write_u32(block + 6, (c13 & 0xFFFFu) | (d13 << 16));
        pqk_write_u32(block + 8, (a02 >> 16) | (b02 & 0xFFFF0000u));
        pqk_write_u32(block + 10, (c02 >> 16) | (d02 & 0xFFFF0000u));
        pqk_write_u32(block + 12, (a13 >> 16) | (b13 & 0xFFFF0000u));
        pqk_write_u32(block + 14, (c13 >> 16) | (d13 & 0xFFFF0000u));
        s0 += 4;
        s1 += 4;
        s2 += 4;
        s3 += 4;
        block += 16;
    }
    n &= 3;
#endif /* __ARM_FEATURE_DSP */
    for (i = 0; i < n; i++) {
        block[0] = (int16_t)(s0[i] + offset);
        block[1] = (int16_t)(s1[i] + offset);
        block[2] = (int16_t)(s2[i] + offset);
        block[3] = (int16_t)(s3[i] + offset);
        block += 4;
    }
}
