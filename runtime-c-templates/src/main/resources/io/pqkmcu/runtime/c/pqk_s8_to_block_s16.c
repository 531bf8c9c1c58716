/*
 * pqk_s8_to_block_s16.c - fills a sparse block (pqk_nn_support.h) from eight pixels' int8 inputs, with
 * the input offset added, interleaved by input index. With PQK_SPARSE_PAIRS, each word packs two
 * pixels' values (x_a + x_b * 2^23), four of each pixel per step from one word load: the offsets of
 * both pixels are one constant (offset * (1 + 2^23)) added to the packed raw values. Otherwise the
 * block is int16, and DSP cores convert four values of two pixels per step: SXTAB16 unpacks each word
 * with the offset, PKHBT/PKHTB pair the two pixels' lanes.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

#if PQK_SPARSE_PAIRS

/* Word `pair` (0..3) of every input of the block, from pixels a and b. */
static void pqk_block_pair(const int8_t *a, const int8_t *b, int32_t *block, int32_t pair, int32_t n, int32_t offset)
{
    const uint32_t both = (uint32_t)offset + ((uint32_t)offset << 23);
    int32_t *dst = block + pair;
    int32_t i;
    for (i = n >> 2; i > 0; i--) {
        const uint32_t wa = pqk_read_u32(a);
        const uint32_t wb = pqk_read_u32(b);
        /* (int8_t) of a shifted word: one SXTB with rotation (or an ASR for the top byte) */
        dst[0] = (int32_t)(both + (uint32_t)(int32_t)(int8_t)wa + ((uint32_t)(int32_t)(int8_t)wb << 23));
        dst[PQK_SPARSE_BLOCK / 2] = (int32_t)(both + (uint32_t)(int32_t)(int8_t)(wa >> 8)
                                              + ((uint32_t)(int32_t)(int8_t)(wb >> 8) << 23));
        dst[PQK_SPARSE_BLOCK] = (int32_t)(both + (uint32_t)(int32_t)(int8_t)(wa >> 16)
                                          + ((uint32_t)(int32_t)(int8_t)(wb >> 16) << 23));
        dst[3 * PQK_SPARSE_BLOCK / 2] = (int32_t)(both + (uint32_t)((int32_t)wa >> 24)
                                                  + ((uint32_t)((int32_t)wb >> 24) << 23));
        a += 4;
        b += 4;
        dst += 2 * PQK_SPARSE_BLOCK;
    }
    for (i = 0; i < (n & 3); i++) {
        dst[0] = (int32_t)(both + (uint32_t)(int32_t)a[i] + ((uint32_t)(int32_t)b[i] << 23));
        dst += PQK_SPARSE_BLOCK / 2;
    }
}

void pqk_s8_to_block_s16(const int8_t *const src[PQK_SPARSE_BLOCK], int16_t *block, int32_t n, int32_t offset)
{
    int32_t pair;
    for (pair = 0; pair < PQK_SPARSE_BLOCK / 2; pair++) {
        pqk_block_pair(src[2 * pair], src[2 * pair + 1], (int32_t *)(void *)block, pair, n, offset);
    }
}

#else /* !PQK_SPARSE_PAIRS */

/* Columns 2*pair and 2*pair+1 of the block from pixels a and b. */
static void pqk_block_pair(const int8_t *a, const int8_t *b, int16_t *block, int32_t pair, int32_t n, int32_t offset)
{
    int16_t *dst = block + 2 * pair;
    int32_t i;
#if defined(__ARM_FEATURE_DSP)
    const int32_t offset2 = pqk_dup16(offset);
    for (i = n >> 2; i > 0; i--) {
        const int32_t wa = (int32_t)pqk_read_u32(a);
        const int32_t wb = (int32_t)pqk_read_u32(b);
        const uint32_t a02 = (uint32_t)__sxtab16(offset2, wa);
        const uint32_t a13 = (uint32_t)pqk_sxtab16_ror8(offset2, wa);
        const uint32_t b02 = (uint32_t)__sxtab16(offset2, wb);
        const uint32_t b13 = (uint32_t)pqk_sxtab16_ror8(offset2, wb);
        /* input k: (pixel a | pixel b << 16) */
        pqk_write_u32(dst, (a02 & 0xFFFFu) | (b02 << 16));
        pqk_write_u32(dst + PQK_SPARSE_BLOCK, (a13 & 0xFFFFu) | (b13 << 16));
        pqk_write_u32(dst + 2 * PQK_SPARSE_BLOCK, (a02 >> 16) | (b02 & 0xFFFF0000u));
        pqk_write_u32(dst + 3 * PQK_SPARSE_BLOCK, (a13 >> 16) | (b13 & 0xFFFF0000u));
        a += 4;
        b += 4;
        dst += 4 * PQK_SPARSE_BLOCK;
    }
    n &= 3;
#endif /* __ARM_FEATURE_DSP */
    for (i = 0; i < n; i++) {
        dst[0] = (int16_t)(a[i] + offset);
        dst[1] = (int16_t)(b[i] + offset);
        dst += PQK_SPARSE_BLOCK;
    }
}

void pqk_s8_to_block_s16(const int8_t *const src[PQK_SPARSE_BLOCK], int16_t *block, int32_t n, int32_t offset)
{
    int32_t pair;
    for (pair = 0; pair < PQK_SPARSE_BLOCK / 2; pair++) {
        pqk_block_pair(src[2 * pair], src[2 * pair + 1], block, pair, n, offset);
    }
}

#endif /* PQK_SPARSE_PAIRS */
