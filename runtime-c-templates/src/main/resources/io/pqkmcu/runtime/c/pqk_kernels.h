/*
 * pqk_kernels.h - int8 kernels of the PQK-MCU runtime (CMSIS-NN style).
 *
 * Every kernel is bit-exact with the Java int8 reference (io.pqkmcu.trainer.interp.*Kernel): TFLite
 * double-rounding requantization (pqk_common.h), int32 accumulators, output clamped to the fused
 * activation range. Activations are NHWC int8 with batch 1; weights are symmetric int8 (zero point 0).
 * Kernels never allocate: scratch is owned by the caller and passed in a pqk_context whose size the
 * matching ..._get_buffer_size function gives. Every entry point returns a pqk_status and checks its
 * dimensions once per call (not per MAC).
 *
 * Accumulators are int32; the code generator refuses layers whose worst-case sum could overflow them
 * (|bias| + K * 127 * 384 > INT32_MAX, K = weights per output channel), so no kernel overflows.
 *
 * One kernel per file, named after its function. Plain C99 only for now; DSP (SMLAD) paths come later
 * behind #if defined(__ARM_FEATURE_DSP) blocks and must stay bit-exact with these.
 */
#ifndef PQK_KERNELS_H
#define PQK_KERNELS_H

#include <stdint.h>

#include "pqk_common.h"

/* ---------------------------------------------------------------------------------------------- */
/* Parameter structs                                                                              */
/* ---------------------------------------------------------------------------------------------- */

/* A 4-D shape. Activations: [N, H, W, C] (N must be 1). Filters: see each kernel's "Format". */
typedef struct {
    int32_t n;
    int32_t h;
    int32_t w;
    int32_t c;
} pqk_dims;

/* A pair of spatial values (stride, padding before, dilation). */
typedef struct {
    int32_t h;
    int32_t w;
} pqk_tile;

/* Fused activation: outputs are clamped to [min, max], a sub-range of [-128, 127]. */
typedef struct {
    int32_t min;
    int32_t max;
} pqk_activation;

/* Caller-owned scratch memory. buf must be 4-byte aligned; size in bytes. */
typedef struct {
    void *buf;
    int32_t size;
} pqk_context;

/*
 * Convolution and depthwise convolution parameters.
 * input_offset = -input zero point, output_offset = +output zero point (CMSIS-NN convention).
 * padding is the zero padding before the first row/column; the padding after follows from the shapes.
 */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    pqk_tile stride;
    pqk_tile padding;
    pqk_tile dilation;
    pqk_activation activation;
} pqk_conv_params;

/* Fully connected parameters (offsets as in pqk_conv_params). */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    pqk_activation activation;
} pqk_fc_params;

/* Average pooling parameters; the output keeps the input's scale and zero point. */
typedef struct {
    pqk_tile stride;
    pqk_tile padding;
    pqk_activation activation;
} pqk_pool_params;

/* Per-output-channel requantization: Q31 multiplier and shift (positive = left), one per channel. */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
} pqk_per_channel_quant;

/* ---------------------------------------------------------------------------------------------- */
/* PQKS1 sparse weight tables                                                                     */
/* ---------------------------------------------------------------------------------------------- */

/*
 * PQKS1: a weight tensor viewed as R rows of K values — conv [C_OUT][KH*KW*C_IN], fully connected
 * [C_OUT][C_IN], depthwise [C][KH*KW] (the [1,KH,KW,C] weights transposed). Positions count over the
 * whole flattened R x K matrix (p = r*K + k), so rows need no pointers.
 *
 * The stream is a sequence of entries packed LSB-first into bytes (the last byte zero-padded):
 *   entry = g-bit gap code G, then (unless G is the escape) a v-bit value code V.
 *   G <  2^g - 1 : skip G zero positions, then one non-zero weight at the current position.
 *   G == 2^g - 1 : escape; skip 2^g - 1 positions, no weight and no value field.
 *   V: sign = V & 1, magnitude = b + (V >> 1); weight = sign ? -magnitude : magnitude.
 * Positions after the last entry are zero. g, v, b and the counts are per-layer constants kept in
 * this struct, not in the stream.
 */
typedef struct {
    const uint8_t *stream;  /* the bitstream, stream_bytes long */
    int32_t stream_bytes;
    int32_t entries;        /* entries in the stream: non-zeros plus escapes */
    int32_t nnz;            /* non-zero weights */
    int32_t rows;           /* R */
    int32_t cols;           /* K, at most 32767 (row indices are int16) */
    int32_t max_row_nnz;    /* most non-zeros in one row: the decode capacity kernels need */
    uint8_t gap_bits;       /* g, 1..8 */
    uint8_t value_bits;     /* v, 1..8 */
    uint8_t value_base;     /* b, 1..127 */
} pqk_sparse_table;

/* Sequential row decoder state; rows come out in order 0..R-1. */
typedef struct {
    const pqk_sparse_table *table;
    const uint8_t *next;    /* next stream byte to load into bit_buffer */
    const uint8_t *end;
    uint32_t bit_buffer;    /* unread bits, the next one in bit 0 */
    int32_t bit_count;      /* valid bits in bit_buffer */
    int32_t entries_left;
    int32_t position;       /* flattened position of the pending (or next) weight */
    int32_t row;            /* the row the next pqk_sparse_decode_row call returns */
    int32_t pending;        /* 1 when a weight was read that belongs to a later row */
    int8_t pending_value;
} pqk_sparse_reader;

/* Starts decoding a table at row 0. PQK_ERROR_ARGUMENT if its constants are out of range. */
pqk_status pqk_sparse_reader_init(pqk_sparse_reader *reader, const pqk_sparse_table *table);

/*
 * Decodes the next row: its non-zero weights as (k_index[i], value[i]), i < *count, in increasing k.
 * capacity is the length of both arrays; PQK_ERROR_SIZE if the row holds more. PQK_ERROR_ARGUMENT if
 * the stream is corrupt (runs out of bits, a weight beyond R*K, a magnitude above 127) or all rows
 * were already decoded.
 */
pqk_status pqk_sparse_decode_row(pqk_sparse_reader *reader, int16_t *k_index, int8_t *value, int32_t capacity,
                                 int32_t *count);

/* ---------------------------------------------------------------------------------------------- */
/* Dense kernels                                                                                  */
/* ---------------------------------------------------------------------------------------------- */

/*
 * General convolution: any kernel size, stride, dilation and padding.
 * input  [1, H_IN, W_IN, C_IN]     filter Format: [C_OUT, KH, KW, C_IN] (filter_dims = {C_OUT, KH, KW, C_IN})
 * bias   [C_OUT] int32             output [1, H_OUT, W_OUT, C_OUT]
 */
pqk_status pqk_convolve_s8(const pqk_conv_params *params, const pqk_per_channel_quant *quant,
                           const pqk_dims *input_dims, const int8_t *input,
                           const pqk_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                           const pqk_dims *output_dims, int8_t *output);

/*
 * Depthwise convolution, depth multiplier 1.
 * input  [1, H_IN, W_IN, C]        filter Format: [1, KH, KW, C] (filter_dims = {1, KH, KW, C})
 * bias   [C] int32                 output [1, H_OUT, W_OUT, C]
 */
pqk_status pqk_depthwise_conv_s8(const pqk_conv_params *params, const pqk_per_channel_quant *quant,
                                 const pqk_dims *input_dims, const int8_t *input,
                                 const pqk_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                 const pqk_dims *output_dims, int8_t *output);

/*
 * Fully connected over the flattened input, per-channel requantization.
 * input  [1, H, W, C] read as C_IN = H*W*C values    filter Format: [C_OUT, C_IN] (filter_dims = {C_OUT, 1, 1, C_IN})
 * bias   [C_OUT] int32                               output [1, 1, 1, C_OUT]
 */
pqk_status pqk_fully_connected_s8(const pqk_fc_params *params, const pqk_per_channel_quant *quant,
                                  const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                  const pqk_dims *output_dims, int8_t *output);

/*
 * Average pooling (TFLite rounding: half away from zero; padded cells are not counted).
 * input [1, H_IN, W_IN, C]   pool_dims = {1, FH, FW, 1}   output [1, H_OUT, W_OUT, C]
 */
pqk_status pqk_avgpool_s8(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                          const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output);

/* ---------------------------------------------------------------------------------------------- */
/* Sparse kernels (PQKS1 weights). Each decodes a weight row once per call and applies it to every   */
/* output pixel, so decoding is amortised over the layer. Results equal the dense kernels'.        */
/* ---------------------------------------------------------------------------------------------- */

/* Scratch bytes pqk_convolve_sparse_s8 needs for a table whose rows hold at most max_row_nnz weights. */
int32_t pqk_convolve_sparse_s8_get_buffer_size(int32_t max_row_nnz);

/* As pqk_convolve_s8; filter rows are [C_OUT][KH*KW*C_IN] (filter_dims = {C_OUT, KH, KW, C_IN}). */
pqk_status pqk_convolve_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                  const pqk_per_channel_quant *quant,
                                  const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const pqk_sparse_table *filter, const int32_t *bias,
                                  const pqk_dims *output_dims, int8_t *output);

/* Scratch bytes pqk_depthwise_conv_sparse_s8 needs. */
int32_t pqk_depthwise_conv_sparse_s8_get_buffer_size(int32_t max_row_nnz);

/* As pqk_depthwise_conv_s8; filter rows are [C][KH*KW] (filter_dims = {1, KH, KW, C}). */
pqk_status pqk_depthwise_conv_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                        const pqk_per_channel_quant *quant,
                                        const pqk_dims *input_dims, const int8_t *input,
                                        const pqk_dims *filter_dims, const pqk_sparse_table *filter,
                                        const int32_t *bias, const pqk_dims *output_dims, int8_t *output);

/* Scratch bytes pqk_fully_connected_sparse_s8 needs. */
int32_t pqk_fully_connected_sparse_s8_get_buffer_size(int32_t max_row_nnz);

/* As pqk_fully_connected_s8; filter rows are [C_OUT][C_IN] (filter_dims = {C_OUT, 1, 1, C_IN}). */
pqk_status pqk_fully_connected_sparse_s8(const pqk_context *ctx, const pqk_fc_params *params,
                                         const pqk_per_channel_quant *quant,
                                         const pqk_dims *input_dims, const int8_t *input,
                                         const pqk_dims *filter_dims, const pqk_sparse_table *filter,
                                         const int32_t *bias, const pqk_dims *output_dims, int8_t *output);

#endif /* PQK_KERNELS_H */
