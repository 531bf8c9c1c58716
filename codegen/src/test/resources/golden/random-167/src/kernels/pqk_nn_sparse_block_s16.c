/*
 * pqk_nn_sparse_block_s16.c - the sparse kernels' inner loop: every decoded weight of a row times the
 * four block pixels it meets. An entry is one word, (uint16_t)weight | byte offset << 16: one LDR, one
 * ADD for the address, one LDRD for the four int16 pixels and four 16x16 multiply-accumulates
 * (SMLABB/SMLATB on DSP cores: the weight is the entry's low half, no unpacking), two entries per
 * loop pass. The accumulators of the four pixels stay in registers for the whole row, and the row's
 * requantization constants are loaded once for its four outputs.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

/* acc[0..3] += weight * block pixel 0..3, for one entry. */
#define PQK_SPARSE_MAC(entry)                                                                                \
    do {                                                                                                     \
        const uint8_t *x_ = base + ((entry) >> 16);                                                          \
        int32_t x01_;                                                                                        \
        int32_t x23_;                                                                                        \
        PQK_PIN_ADDRESS(x_);                                                                                 \
        pqk_read_2x32(x_, &x01_, &x23_);                                                                     \
        a0 = __smlabb(x01_, (int32_t)(entry), a0);                                                           \
        a1 = __smlatb(x01_, (int32_t)(entry), a1);                                                           \
        a2 = __smlabb(x23_, (int32_t)(entry), a2);                                                           \
        a3 = __smlatb(x23_, (int32_t)(entry), a3);                                                           \
    } while (0)

/* Sums one row's entries [e, end) into acc[0..3]. Not inlined: alone, its loop keeps everything in registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void pqk_sparse_row4(const int16_t *block, const uint32_t *e, const uint32_t *end, int32_t *acc)
{
    int32_t a0 = acc[0];
    int32_t a1 = acc[1];
    int32_t a2 = acc[2];
    int32_t a3 = acc[3];
#if defined(__ARM_FEATURE_DSP)
    const uint8_t *const base = (const uint8_t *)block;
    if (((end - e) & 1) != 0) {
        const uint32_t entry = *e++;
        PQK_SPARSE_MAC(entry);
    }
    while (e != end) {
        const uint32_t first = e[0];
        const uint32_t second = e[1];
        e += 2;
        PQK_SPARSE_MAC(first);
        PQK_SPARSE_MAC(second);
    }
#else
    for (; e != end; e++) {
        const int32_t w = (int16_t)(*e & 0xFFFFu);
        const int16_t *const x = block + (*e >> 17);
        a0 += w * x[0];
        a1 += w * x[1];
        a2 += w * x[2];
        a3 += w * x[3];
    }
#endif /* __ARM_FEATURE_DSP */
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

static PQK_ALWAYS_INLINE void pqk_sparse_rows(const int16_t *block, const uint32_t *entries, const uint16_t *row_nnz,
                                              int32_t rows, const pqk_channel_quant *quant, const int32_t mode,
                                              int32_t output_offset, const pqk_activation *act, int32_t pixels,
                                              int8_t *out, int32_t out_stride)
{
    int32_t r;
    for (r = 0; r < rows; r++) {
        const uint32_t *const end = entries + row_nnz[r];
        const pqk_requant rq = pqk_requant_of(&quant[r], output_offset, act);
        int32_t acc[4];
        acc[0] = quant[r].bias;
        acc[1] = acc[0];
        acc[2] = acc[0];
        acc[3] = acc[0];
        pqk_sparse_row4(block, entries, end, acc);
        entries = end;
        out[r] = pqk_requant_apply(acc[0], &rq, mode);
        if (pixels == PQK_SPARSE_BLOCK) {
            out[out_stride + r] = pqk_requant_apply(acc[1], &rq, mode);
            out[2 * out_stride + r] = pqk_requant_apply(acc[2], &rq, mode);
            out[3 * out_stride + r] = pqk_requant_apply(acc[3], &rq, mode);
        } else {
            int32_t p;
            for (p = 1; p < pixels; p++) {
                out[p * out_stride + r] = pqk_requant_apply(acc[p], &rq, mode);
            }
        }
    }
}

void pqk_nn_sparse_block_s16(const int16_t *block, const uint32_t *entries, const uint16_t *row_nnz, int32_t rows,
                             const pqk_channel_quant *quant, int32_t mode, int32_t output_offset,
                             const pqk_activation *act, int32_t pixels, int8_t *out, int32_t out_stride)
{
#define PQK_SB_BODY(m) \
    pqk_sparse_rows(block, entries, row_nnz, rows, quant, m, output_offset, act, pixels, out, out_stride)
    PQK_REQUANT_DISPATCH(mode, PQK_SB_BODY);
#undef PQK_SB_BODY
}
