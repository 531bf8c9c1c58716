/*
 * pqk_nn_sparse_block_s16.c - the sparse kernels' inner loop: every decoded weight of a row times the
 * eight block pixels it meets. One function call per row pass keeps the accumulators in registers from
 * the bias to the requantized outputs; it is specialised per requantization mode and index width, so
 * neither is tested in the loops.
 *
 * Where a 32 x 32 -> 64-bit multiply-accumulate is one instruction (PQK_SPARSE_PAIRS: SMLAL on every
 * Thumb-2 core, and the host), a block word holds two pixels' inputs, x_a + x_b * 2^23
 * (pqk_nn_support.h), and one SMLAL of the weight with it adds w * x_a to the low 23 bits of a 64-bit
 * accumulator and w * x_b to the bits above: two MACs an instruction, so per weight two byte loads, an
 * ADD, two LDRDs and four SMLALs make the eight MACs (the 16-bit path needs eight SMLAxy). The fields
 * stay apart while |sum of w * x_a| < 2^22: |x| <= 255 (input offset -127..128) and |w| <= 127, so
 * PQK_SPARSE_PAIR_RUN = 129 weights always fit; the low field is kept biased by 2^22 so that it never
 * borrows from the high one, and the row's bias rides in the high field. Longer rows are split into
 * runs of at most that many weights, whose fields are taken apart and summed in 32 bits.
 * Elsewhere (ARMv6-M: no long multiply) the block is int16 and every MAC is a 16 x 16 multiply.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

/*
 * Requantizes a0..a7 in mode with rq and stores them to out[p * stride + r] for p < pixels (a whole
 * block without a loop).
 */
#define PQK_SPARSE_STORE(mode, a0, a1, a2, a3, a4, a5, a6, a7)                                               \
    do {                                                                                                     \
        if (pixels == PQK_SPARSE_BLOCK) {                                                                    \
            out[r] = pqk_requant_apply(a0, &rq, mode);                                                       \
            out[stride + r] = pqk_requant_apply(a1, &rq, mode);                                              \
            out[2 * stride + r] = pqk_requant_apply(a2, &rq, mode);                                          \
            out[3 * stride + r] = pqk_requant_apply(a3, &rq, mode);                                          \
            out[4 * stride + r] = pqk_requant_apply(a4, &rq, mode);                                          \
            out[5 * stride + r] = pqk_requant_apply(a5, &rq, mode);                                          \
            out[6 * stride + r] = pqk_requant_apply(a6, &rq, mode);                                          \
            out[7 * stride + r] = pqk_requant_apply(a7, &rq, mode);                                          \
        } else {                                                                                             \
            int32_t acc_[PQK_SPARSE_BLOCK];                                                                  \
            int32_t p_;                                                                                      \
            acc_[0] = a0;                                                                                    \
            acc_[1] = a1;                                                                                    \
            acc_[2] = a2;                                                                                    \
            acc_[3] = a3;                                                                                    \
            acc_[4] = a4;                                                                                    \
            acc_[5] = a5;                                                                                    \
            acc_[6] = a6;                                                                                    \
            acc_[7] = a7;                                                                                    \
            for (p_ = 0; p_ < pixels; p_++) {                                                                \
                out[p_ * stride + r] = pqk_requant_apply(acc_[p_], &rq, mode);                               \
            }                                                                                                \
        }                                                                                                    \
    } while (0)

#if PQK_SPARSE_PAIRS

/* Weights of one run: the most whose low-field sum is sure to stay within +-2^22 (129 * 127 * 255 < 2^22). */
#define PQK_SPARSE_PAIR_RUN 129
#define PQK_SPARSE_PAIR_BIAS 0x400000 /* 2^22: keeps the low field in [0, 2^23) */
#define PQK_SPARSE_PAIR_LOW 0x7FFFFFu /* the low field's 23 bits */

/* a01..a67 += weight * the block word of pixel pair 0..3, for one weight w at input k. */
#define PQK_SPARSE_PAIR_MAC(w, k)                                                                            \
    do {                                                                                                     \
        const int32_t *x_ = base + PQK_SPARSE_BLOCK / 2 * (k);                                               \
        int32_t x0_;                                                                                         \
        int32_t x1_;                                                                                         \
        PQK_PIN_ADDRESS(x_);                                                                                 \
        pqk_read_2x32(x_, &x0_, &x1_);                                                                       \
        a01 += (int64_t)(w) * x0_;                                                                           \
        a23 += (int64_t)(w) * x1_;                                                                           \
        pqk_read_2x32(x_ + 2, &x0_, &x1_);                                                                   \
        a45 += (int64_t)(w) * x0_;                                                                           \
        a67 += (int64_t)(w) * x1_;                                                                           \
    } while (0)

/* The two outputs of a pair accumulator: acc[0] = bias + low field, acc[1] = the high field (bias included). */
#define PQK_SPARSE_PAIR_SPLIT(a, bias, even, odd)                                                            \
    do {                                                                                                     \
        (even) = (int32_t)((uint32_t)(bias) - (uint32_t)PQK_SPARSE_PAIR_BIAS                                 \
                           + ((uint32_t)(uint64_t)(a) & PQK_SPARSE_PAIR_LOW));                               \
        (odd) = (int32_t)(uint32_t)(uint64_t)((a) >> 23);                                                    \
    } while (0)

/*
 * The eight sums (bias included) of a row of more than PQK_SPARSE_PAIR_RUN weights, run by run. Rare
 * (rows of more than 129 non-zeros), so out of line and plain.
 */
#define PQK_SPARSE_LONG_ROW_FUNCTION(name, index_type)                                                       \
    static void name(const int32_t *base, const int8_t *w, const index_type *k, int32_t nnz, int32_t bias,   \
                     int32_t acc[PQK_SPARSE_BLOCK])                                                          \
    {                                                                                                        \
        int32_t p;                                                                                           \
        for (p = 0; p < PQK_SPARSE_BLOCK; p++) {                                                             \
            acc[p] = bias;                                                                                   \
        }                                                                                                    \
        while (nnz > 0) {                                                                                    \
            const int32_t run = nnz < PQK_SPARSE_PAIR_RUN ? nnz : PQK_SPARSE_PAIR_RUN;                       \
            int64_t a01 = PQK_SPARSE_PAIR_BIAS;                                                              \
            int64_t a23 = PQK_SPARSE_PAIR_BIAS;                                                              \
            int64_t a45 = PQK_SPARSE_PAIR_BIAS;                                                              \
            int64_t a67 = PQK_SPARSE_PAIR_BIAS;                                                              \
            int32_t i;                                                                                       \
            int32_t even;                                                                                    \
            int32_t odd;                                                                                     \
            for (i = 0; i < run; i++) {                                                                      \
                const int32_t w0 = w[i];                                                                     \
                const int32_t k0 = k[i];                                                                     \
                PQK_SPARSE_PAIR_MAC(w0, k0);                                                                 \
            }                                                                                                \
            PQK_SPARSE_PAIR_SPLIT(a01, 0, even, odd);                                                        \
            acc[0] = (int32_t)((uint32_t)acc[0] + (uint32_t)even);                                           \
            acc[1] = (int32_t)((uint32_t)acc[1] + (uint32_t)odd);                                            \
            PQK_SPARSE_PAIR_SPLIT(a23, 0, even, odd);                                                        \
            acc[2] = (int32_t)((uint32_t)acc[2] + (uint32_t)even);                                           \
            acc[3] = (int32_t)((uint32_t)acc[3] + (uint32_t)odd);                                            \
            PQK_SPARSE_PAIR_SPLIT(a45, 0, even, odd);                                                        \
            acc[4] = (int32_t)((uint32_t)acc[4] + (uint32_t)even);                                           \
            acc[5] = (int32_t)((uint32_t)acc[5] + (uint32_t)odd);                                            \
            PQK_SPARSE_PAIR_SPLIT(a67, 0, even, odd);                                                        \
            acc[6] = (int32_t)((uint32_t)acc[6] + (uint32_t)even);                                           \
            acc[7] = (int32_t)((uint32_t)acc[7] + (uint32_t)odd);                                            \
            w += run;                                                                                        \
            k += run;                                                                                        \
            nnz -= run;                                                                                      \
        }                                                                                                    \
    }

/*
 * All rows over the block: for row r, bias + its weights (indices of index_type) times the eight
 * pixels, requantized in mode (a constant) and stored to out[p * stride + r] for p < pixels.
 */
#define PQK_SPARSE_ROWS_FUNCTION(name, index_type, mode, long_row)                                           \
    static void name(const int32_t *base, const int8_t *w, const index_type *k, const uint16_t *row_nnz,     \
                     int32_t rows, const pqk_channel_quant *quant, const pqk_requant *layer, int32_t pixels, \
                     int8_t *out, int32_t stride)                                                            \
    {                                                                                                        \
        int32_t r;                                                                                           \
        for (r = 0; r < rows; r++) {                                                                         \
            const int32_t nnz = row_nnz[r];                                                                  \
            const int32_t bias = quant[r].bias;                                                              \
            int32_t a0, a1, a2, a3, a4, a5, a6, a7;                                                          \
            pqk_requant rq;                                                                                  \
            if (nnz <= PQK_SPARSE_PAIR_RUN) {                                                                \
                const int8_t *const w_end = w + nnz;                                                         \
                const int64_t init = (int64_t)bias * (1 << 23) + PQK_SPARSE_PAIR_BIAS;                       \
                int64_t a01 = init;                                                                          \
                int64_t a23 = init;                                                                          \
                int64_t a45 = init;                                                                          \
                int64_t a67 = init;                                                                          \
                while (w != w_end) {                                                                         \
                    const int32_t w0 = *w++;                                                                 \
                    const int32_t k0 = *k++;                                                                 \
                    PQK_SPARSE_PAIR_MAC(w0, k0);                                                             \
                }                                                                                            \
                PQK_SPARSE_PAIR_SPLIT(a01, bias, a0, a1);                                                    \
                PQK_SPARSE_PAIR_SPLIT(a23, bias, a2, a3);                                                    \
                PQK_SPARSE_PAIR_SPLIT(a45, bias, a4, a5);                                                    \
                PQK_SPARSE_PAIR_SPLIT(a67, bias, a6, a7);                                                    \
            } else {                                                                                         \
                int32_t sums[PQK_SPARSE_BLOCK];                                                              \
                long_row(base, w, k, nnz, bias, sums);                                                       \
                w += nnz;                                                                                    \
                k += nnz;                                                                                    \
                a0 = sums[0];                                                                                \
                a1 = sums[1];                                                                                \
                a2 = sums[2];                                                                                \
                a3 = sums[3];                                                                                \
                a4 = sums[4];                                                                                \
                a5 = sums[5];                                                                                \
                a6 = sums[6];                                                                                \
                a7 = sums[7];                                                                                \
            }                                                                                                \
            rq = pqk_requant_channel(&quant[r], layer);                                                      \
            PQK_SPARSE_STORE(mode, a0, a1, a2, a3, a4, a5, a6, a7);                                          \
        }                                                                                                    \
    }

#if defined(__GNUC__)
#define PQK_NOINLINE __attribute__((noinline))
#else
#define PQK_NOINLINE
#endif

PQK_NOINLINE PQK_SPARSE_LONG_ROW_FUNCTION(pqk_sparse_long_row_k8, uint8_t)
#if PQK_SPARSE_WIDE_INDEX
PQK_NOINLINE PQK_SPARSE_LONG_ROW_FUNCTION(pqk_sparse_long_row_k16, uint16_t)
#endif

#define PQK_SPARSE_ROWS_K8(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, uint8_t, mode, pqk_sparse_long_row_k8)
#define PQK_SPARSE_ROWS_K16(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, uint16_t, mode, pqk_sparse_long_row_k16)
#define PQK_SPARSE_BLOCK_WORD int32_t

#else /* !PQK_SPARSE_PAIRS */

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
        const int16_t *x_ = (const int16_t *)(const void *)base + PQK_SPARSE_BLOCK * (k);                    \
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
    static void name(const uint8_t *base, const int8_t *w, const index_type *k, const uint16_t *row_nnz,     \
                     int32_t rows, const pqk_channel_quant *quant, const pqk_requant *layer, int32_t pixels, \
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
            PQK_SPARSE_STORE(mode, a0, a1, a2, a3, a4, a5, a6, a7);                                          \
        }                                                                                                    \
    }

#define PQK_SPARSE_ROWS_K8(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, uint8_t, mode)
#define PQK_SPARSE_ROWS_K16(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, uint16_t, mode)
#define PQK_SPARSE_BLOCK_WORD uint8_t

#if defined(__GNUC__)
#define PQK_NOINLINE __attribute__((noinline))
#else
#define PQK_NOINLINE
#endif

#endif /* PQK_SPARSE_PAIRS */

/* Only the copies the project can run are compiled (PQK_REQUANT_MODES, PQK_SPARSE_WIDE_INDEX). */
#if PQK_REQUANT_FULL_RANGE_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K8(pqk_sparse_rows_k8_full, PQK_REQUANT_FAST_FULL_RANGE)
#endif
#if PQK_REQUANT_FAST_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K8(pqk_sparse_rows_k8_fast, PQK_REQUANT_FAST)
#endif
#if PQK_REQUANT_GENERAL_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K8(pqk_sparse_rows_k8_general, PQK_REQUANT_GENERAL)
#endif
#if PQK_SPARSE_WIDE_INDEX
#if PQK_REQUANT_FULL_RANGE_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K16(pqk_sparse_rows_k16_full, PQK_REQUANT_FAST_FULL_RANGE)
#endif
#if PQK_REQUANT_FAST_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K16(pqk_sparse_rows_k16_fast, PQK_REQUANT_FAST)
#endif
#if PQK_REQUANT_GENERAL_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K16(pqk_sparse_rows_k16_general, PQK_REQUANT_GENERAL)
#endif
#endif /* PQK_SPARSE_WIDE_INDEX */

void pqk_nn_sparse_block_s16(const int16_t *block, const int8_t *weights, const void *index, int32_t wide,
                             const uint16_t *row_nnz, int32_t rows, const pqk_channel_quant *quant, int32_t mode,
                             int32_t output_offset, const pqk_activation *act, int32_t pixels, int8_t *out,
                             int32_t out_stride)
{
    const PQK_SPARSE_BLOCK_WORD *const base = (const PQK_SPARSE_BLOCK_WORD *)(const void *)block;
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
