/*
 * pqk_nn_sparse_block_s16.c - the sparse kernels' inner loop: every decoded weight of a row times the
 * eight block pixels it meets. Per weight: two byte loads (the int8 weight, its input index), one ADD
 * for the address, four words of int16 pixels and eight 16x16 multiply-accumulates (SMLABB/SMLATB on
 * DSP cores). One function call per row keeps the eight accumulators in registers from the bias to
 * the requantized outputs; it is specialised per requantization mode and index width, so neither is
 * tested in the loops.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

/* a0..a7 += weight * block pixel 0..7, for one weight w at input k (w and k are evaluated more than once). */
#if defined(__ARM_FEATURE_DSP)
#define PQK_SPARSE_MAC(w, k)                                                                                 \
    do {                                                                                                     \
        const uint8_t *x_ = base + 2 * PQK_SPARSE_BLOCK * (k);                                               \
        int32_t lo_;                                                                                         \
        int32_t hi_;                                                                                         \
        PQK_PIN_ADDRESS(x_);                                                                                 \
        pqk_read_2x32(x_, &lo_, &hi_);                                                                       \
        a0 = __smlabb(lo_, (w), a0);                                                                         \
        a1 = __smlatb(lo_, (w), a1);                                                                         \
        a2 = __smlabb(hi_, (w), a2);                                                                         \
        a3 = __smlatb(hi_, (w), a3);                                                                         \
        pqk_read_2x32(x_ + 8, &lo_, &hi_);                                                                   \
        a4 = __smlabb(lo_, (w), a4);                                                                         \
        a5 = __smlatb(lo_, (w), a5);                                                                         \
        a6 = __smlabb(hi_, (w), a6);                                                                         \
        a7 = __smlatb(hi_, (w), a7);                                                                         \
    } while (0)
#else
#define PQK_SPARSE_MAC(w, k)                                                                                 \
    do {                                                                                                     \
        const int16_t *x_ = (const int16_t *)(const void *)base + PQK_SPARSE_BLOCK * (k);                     \
        a0 += (w) * x_[0];                                                                                   \
        a1 += (w) * x_[1];                                                                                   \
        a2 += (w) * x_[2];                                                                                   \
        a3 += (w) * x_[3];                                                                                   \
        a4 += (w) * x_[4];                                                                                   \
        a5 += (w) * x_[5];                                                                                   \
        a6 += (w) * x_[6];                                                                                   \
        a7 += (w) * x_[7];                                                                                   \
    } while (0)
#endif /* __ARM_FEATURE_DSP */

/*
 * All rows over the block: for row r, bias + its weights (indices of index_type) times the eight
 * pixels, requantized in mode (a constant) and stored to out[p * stride + r] for p < pixels. Not
 * inlined: alone, the inner loop keeps all eight accumulators and its pointers in registers (the row
 * loop's own values wait on the stack), and there is no call per row.
 */
#define PQK_SPARSE_ROWS_FUNCTION(name, index_type, mode)                                                     \
    static void name(const uint8_t *base, const int8_t *w, const index_type *k, const uint16_t *row_nnz,   \
                     int32_t rows, const pqk_channel_quant *quant, const pqk_requant *layer, int32_t pixels,  \
                     int8_t *out, int32_t stride)                                                            \
    {                                                                                                        \
        int32_t r;                                                                                           \
        for (r = 0; r < rows; r++) {                                                                         \
            const int8_t *const w_end = w + row_nnz[r];                                                      \
            const int32_t bias = quant[r].bias;                                                              \
            int32_t a0 = bias;                                                                               \
            int32_t a1 = bias;                                                                               \
            int32_t a2 = bias;                                                                               \
            int32_t a3 = bias;                                                                               \
            int32_t a4 = bias;                                                                               \
            int32_t a5 = bias;                                                                               \
            int32_t a6 = bias;                                                                               \
            int32_t a7 = bias;                                                                               \
            pqk_requant rq;                                                                                  \
            while (w != w_end) {                                                                             \
                const int32_t w0 = *w++;                                                                     \
                const int32_t k0 = *k++;                                                                     \
                PQK_SPARSE_MAC(w0, k0);                                                                      \
            }                                                                                                \
            rq = pqk_requant_channel(&quant[r], layer);                                                      \
            if (pixels == PQK_SPARSE_BLOCK) {                                                                \
                out[r] = pqk_requant_apply(a0, &rq, mode);                                                   \
                out[stride + r] = pqk_requant_apply(a1, &rq, mode);                                          \
                out[2 * stride + r] = pqk_requant_apply(a2, &rq, mode);                                      \
                out[3 * stride + r] = pqk_requant_apply(a3, &rq, mode);                                      \
                out[4 * stride + r] = pqk_requant_apply(a4, &rq, mode);                                      \
                out[5 * stride + r] = pqk_requant_apply(a5, &rq, mode);                                      \
                out[6 * stride + r] = pqk_requant_apply(a6, &rq, mode);                                      \
                out[7 * stride + r] = pqk_requant_apply(a7, &rq, mode);                                      \
            } else {                                                                                         \
                int32_t acc[PQK_SPARSE_BLOCK];                                                               \
                int32_t p;                                                                                   \
                acc[0] = a0;                                                                                 \
                acc[1] = a1;                                                                                 \
                acc[2] = a2;                                                                                 \
                acc[3] = a3;                                                                                 \
                acc[4] = a4;                                                                                 \
                acc[5] = a5;                                                                                 \
                acc[6] = a6;                                                                                 \
                acc[7] = a7;                                                                                 \
                for (p = 0; p < pixels; p++) {                                                               \
                    out[p * stride + r] = pqk_requant_apply(acc[p], &rq, mode);                              \
                }                                                                                            \
            }                                                                                                \
        }                                                                                                    \
    }

#if defined(__GNUC__)
#define PQK_NOINLINE __attribute__((noinline))
#else
#define PQK_NOINLINE
#endif

/* Only the copies the project can run are compiled (PQK_REQUANT_MODES, PQK_SPARSE_WIDE_INDEX). */
#if PQK_REQUANT_FULL_RANGE_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_FUNCTION(pqk_sparse_rows_k8_full, uint8_t, PQK_REQUANT_FAST_FULL_RANGE)
#endif
#if PQK_REQUANT_FAST_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_FUNCTION(pqk_sparse_rows_k8_fast, uint8_t, PQK_REQUANT_FAST)
#endif
#if PQK_REQUANT_GENERAL_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_FUNCTION(pqk_sparse_rows_k8_general, uint8_t, PQK_REQUANT_GENERAL)
#endif
#if PQK_SPARSE_WIDE_INDEX
#if PQK_REQUANT_FULL_RANGE_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_FUNCTION(pqk_sparse_rows_k16_full, uint16_t, PQK_REQUANT_FAST_FULL_RANGE)
#endif
#if PQK_REQUANT_FAST_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_FUNCTION(pqk_sparse_rows_k16_fast, uint16_t, PQK_REQUANT_FAST)
#endif
#if PQK_REQUANT_GENERAL_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_FUNCTION(pqk_sparse_rows_k16_general, uint16_t, PQK_REQUANT_GENERAL)
#endif
#endif /* PQK_SPARSE_WIDE_INDEX */

void pqk_nn_sparse_block_s16(const int16_t *block, const int8_t *weights, const void *index, int32_t wide,
                             const uint16_t *row_nnz, int32_t rows, const pqk_channel_quant *quant, int32_t mode,
                             int32_t output_offset, const pqk_activation *act, int32_t pixels, int8_t *out,
                             int32_t out_stride)
{
    const uint8_t *const base = (const uint8_t *)block;
    const pqk_requant layer = pqk_requant_layer(output_offset, act);
    (void)mode; /* unread when only the general copies are compiled */
#if PQK_SPARSE_WIDE_INDEX
    if (wide) {
        const uint16_t *k = (const uint16_t *)index;
#if PQK_REQUANT_FULL_RANGE_COMPILED
        if (mode == PQK_REQUANT_FAST_FULL_RANGE) {
            pqk_sparse_rows_k16_full(base, weights, k, row_nnz, rows, quant, &layer, pixels, out, out_stride);
            return;
        }
#endif
#if PQK_REQUANT_FAST_COMPILED
        if (mode == PQK_REQUANT_FAST) {
            pqk_sparse_rows_k16_fast(base, weights, k, row_nnz, rows, quant, &layer, pixels, out, out_stride);
            return;
        }
#endif
#if PQK_REQUANT_GENERAL_COMPILED
        pqk_sparse_rows_k16_general(base, weights, k, row_nnz, rows, quant, &layer, pixels, out, out_stride);
#endif
        return;
    }
#else
    (void)wide; /* pqk_sparse_unpack refuses wide tables when they are not compiled in */
#endif /* PQK_SPARSE_WIDE_INDEX */
    {
        const uint8_t *k = (const uint8_t *)index;
#if PQK_REQUANT_FULL_RANGE_COMPILED
        if (mode == PQK_REQUANT_FAST_FULL_RANGE) {
            pqk_sparse_rows_k8_full(base, weights, k, row_nnz, rows, quant, &layer, pixels, out, out_stride);
            return;
        }
#endif
#if PQK_REQUANT_FAST_COMPILED
        if (mode == PQK_REQUANT_FAST) {
            pqk_sparse_rows_k8_fast(base, weights, k, row_nnz, rows, quant, &layer, pixels, out, out_stride);
            return;
        }
#endif
#if PQK_REQUANT_GENERAL_COMPILED
        pqk_sparse_rows_k8_general(base, weights, k, row_nnz, rows, quant, &layer, pixels, out, out_stride);
#endif
    }
}
