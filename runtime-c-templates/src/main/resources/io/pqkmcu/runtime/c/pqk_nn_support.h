/*
 * pqk_nn_support.h - building blocks the kernels share (CMSIS-NN's NNSupportFunctions): the int16
 * column conversion, the dense 2x2 matrix-multiply kernel, the sparse block fill and the sparse block
 * kernel. Internal to the runtime; one function per file, named after it.
 *
 * Column blocks: the dense kernels work on four output pixels at once. Each pixel's window (its
 * "column": K int8 inputs) is converted to int16 with the input offset added into one column of a
 * block of pqk_column_block_bytes(K): for every complete group of four values, column 0's four, then
 * column 1's, 2's and 3's (so the four columns one weight word multiplies are consecutive words); then
 * the K % 4 remaining values, each as four int16 (one per column). On DSP cores a group k0 k1 k2 k3 is
 * stored as k0 k2 k1 k3, the order SXTB16 unpacks four packed int8 weights in, so one SMLAD
 * multiplies matching pairs; elsewhere it is in natural order. Only the order of the sum changes.
 *
 * Sparse blocks: the sparse kernels work on PQK_SPARSE_BLOCK (8) output pixels at once. Their inputs,
 * with the offset added (x = input + offset, -255..255), are interleaved by input index k, so the eight
 * values one weight multiplies are four consecutive words. Where PQK_SPARSE_PAIRS is 1, word j of input
 * k packs pixels 2j and 2j + 1 for a 64-bit multiply-accumulate: block[k * 4 + j] = x_2j + x_2j+1 * 2^23
 * (int32; pqk_nn_sparse_block_s16 says why 23). Otherwise the block is int16:
 * block[k * PQK_SPARSE_BLOCK + p] = x_p.
 */
#ifndef PQK_NN_SUPPORT_H
#define PQK_NN_SUPPORT_H

#include <stdint.h>

#include "pqk_kernels.h"

/* Columns of a dense column block: output pixels per pass of the matrix-multiply kernel. */
#define PQK_COLUMNS 4

/* Bytes of a column block of k values. */
static inline int32_t pqk_column_block_bytes(int32_t k)
{
    return 2 * PQK_COLUMNS * ((k + 3) & ~3);
}

/* Converts n int8 values (one window) into column `column` (0..3) of a column block (8-byte aligned). */
void pqk_s8_to_s16_column(const int8_t *src, int16_t *block, int32_t column, int32_t n, int32_t offset);

/*
 * out[p * out_stride + co] for co < c_out and p < pixels: bias + the dot product of filter row co
 * (int8, K values, rows K apart) with column p of the block, requantized and clamped. Columns from
 * pixels on are computed but not stored (they must hold converted values). mode is the layer's
 * pqk_requant_mode. Each weight word is loaded and unpacked once and multiplies four columns.
 */
void pqk_nn_mat_mult_s8_s16(const int8_t *filter, const int16_t *block, int32_t k, int32_t c_out,
                            const pqk_channel_quant *quant, int32_t mode, int32_t output_offset,
                            const pqk_activation *act, int32_t pixels, int8_t *out, int32_t out_stride);

/*
 * PQK_SPARSE_PAIRS: 1 where a 32 x 32 -> 64-bit multiply-accumulate is one instruction (SMLAL on the
 * Thumb-2 cores, M3 and up, and the host), so that one multiplies a weight with two pixels' packed
 * inputs; 0 on ARMv6-M and ARMv8-M Baseline (M0, M0+, M23), which have only a 32-bit MULS.
 */
#ifndef PQK_SPARSE_PAIRS
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
#define PQK_SPARSE_PAIRS 0
#else
#define PQK_SPARSE_PAIRS 1
#endif
#endif

/* Pixels the sparse kernels process per pass: the accumulators of one weight row for this many pixels
   stay in registers, and each decoded weight is loaded once per pass. */
#define PQK_SPARSE_BLOCK 8

/* Bytes of a sparse block of k inputs. */
static inline int32_t pqk_sparse_block_bytes(int32_t k)
{
    return 2 * PQK_SPARSE_BLOCK * (k > 0 ? k : 1);
}

/*
 * Fills a sparse block from PQK_SPARSE_BLOCK pixels' n int8 inputs (src[p] for pixel p; a pass with
 * fewer pixels repeats one), with the offset added, in the layout above. block must be 8-byte aligned.
 */
void pqk_s8_to_block_s16(const int8_t *const src[PQK_SPARSE_BLOCK], int16_t *block, int32_t n, int32_t offset);

/*
 * The sparse block kernel: writes the requantized outputs of the table's rows r for pixels p < pixels to
 * out[p * out_stride + r], from a block and the table decoded by pqk_sparse_decode. mode is the layer's
 * pqk_requant_mode.
 */
void pqk_nn_sparse_block_s16(const int16_t *block, const void *decoded, const pqk_sparse_table *filter,
                             const pqk_channel_quant *quant, int32_t mode, int32_t output_offset,
                             const pqk_activation *act, int32_t pixels, int8_t *out, int32_t out_stride);

/*
 * Weights of one run of the PQK_SPARSE_PAIRS path: the most whose sum of weight * x is sure to stay
 * within +-2^22 (129 * 127 * 255 < 2^22), the low field of a pair accumulator (pqk_nn_sparse_block_s16).
 */
#define PQK_SPARSE_PAIR_RUN 129

/*
 * The sparse convolution kernels' decoded table (pqk_sparse_decode). Where PQK_SPARSE_PAIRS is 1, one
 * list of entries in row order, each the input k of a non-zero and its weight w: 2 bytes (k, w) for rows
 * of at most 256 positions, else 3 (k low byte, k high byte, w). After each row's entries an entry of
 * w = 0, k = 0 ends it; a row of more than PQK_SPARSE_PAIR_RUN non-zeros has an entry w = 0, k = 1 after
 * every PQK_SPARSE_PAIR_RUN of them (the run ends, the row goes on). One pointer walks it with no count
 * per row. Elsewhere pqk_sparse_unpack's three arrays (pqk_sparse_layout). The bytes cover both.
 */
static inline int32_t pqk_sparse_decoded_bytes(const pqk_sparse_table *t)
{
    const int32_t nnz = t->nnz > 0 ? t->nnz : 0;
    const int32_t rows = t->rows > 0 ? t->rows : 0;
    return ((t->cols <= 256 ? 2 : 3) * (nnz + rows + nnz / PQK_SPARSE_PAIR_RUN) + 7) & ~7;
}

/* Decodes a table into the layout above at decoded (pqk_sparse_decoded_bytes(t) bytes, 8-byte aligned). */
pqk_status pqk_sparse_decode(const pqk_sparse_table *t, void *decoded);

/*
 * PQK_SPARSE_WIDE_INDEX: 1 (default) compiles the uint16 index paths, for tables with rows of more than
 * 256 positions; a generated project sets 0 when none of its tables has such rows, and
 * pqk_sparse_unpack then refuses one with PQK_ERROR_ARGUMENT.
 */
#ifndef PQK_SPARSE_WIDE_INDEX
#define PQK_SPARSE_WIDE_INDEX 1
#endif

/*
 * PQK_SPARSE_LONG_ROWS: 1 (default) compiles the sparse convolutions' handling of rows of more than
 * PQK_SPARSE_PAIR_RUN non-zeros (runs, in the decoder and the C loops); a generated project sets 0 when
 * none of its tables has such rows, and pqk_sparse_decode then refuses one with PQK_ERROR_ARGUMENT.
 */
#ifndef PQK_SPARSE_LONG_ROWS
#define PQK_SPARSE_LONG_ROWS 1
#endif

/* Bytes of one decoded index: uint8_t for rows of at most 256 positions, else uint16_t. */
static inline int32_t pqk_sparse_index_bytes(const pqk_sparse_table *t)
{
    return t->cols <= 256 ? 1 : 2;
}

/*
 * Scratch layout of a decoded table: row_nnz (uint16_t[rows]), then the indices, then the int8 weights;
 * the total is a multiple of 8 so what follows stays aligned.
 */
static inline int32_t pqk_sparse_entries_bytes(const pqk_sparse_table *t)
{
    const int32_t nnz = t->nnz > 0 ? t->nnz : 0;
    return (2 * (t->rows > 0 ? t->rows : 0) + nnz * pqk_sparse_index_bytes(t) + nnz + 7) & ~7;
}

/* The three parts of a decoded table in the scratch at buf (8-byte aligned). */
static inline void pqk_sparse_layout(const pqk_sparse_table *t, void *buf, uint16_t **row_nnz, void **index,
                                     int8_t **weights)
{
    uint8_t *const base = (uint8_t *)buf;
    const int32_t nnz = t->nnz > 0 ? t->nnz : 0;
    *row_nnz = (uint16_t *)buf;
    *index = base + 2 * t->rows;
    *weights = (int8_t *)(base + 2 * t->rows + nnz * pqk_sparse_index_bytes(t));
}

#endif /* PQK_NN_SUPPORT_H */
