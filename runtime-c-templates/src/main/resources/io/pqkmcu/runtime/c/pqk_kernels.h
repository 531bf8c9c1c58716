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
 * Each kernel has a plain C99 path and, where it pays, a path for cores with the DSP extension
 * (__ARM_FEATURE_DSP: SXTB16/SXTAB16 unpacking and SMLAD/SMLAxy multiply-accumulates); both compute
 * the same int32 sums, so their outputs are identical. One kernel per file, named after its function.
 *
 * Accumulators are int32 and must stay within +-2^30 (the DSP requantization doubles them): the code
 * generator refuses layers whose worst-case sum could leave that range (|bias| + K * 127 * 384 >= 2^30,
 * K = weights per output channel), so no kernel overflows.
 *
 * In-place execution: kernels documented as "may run in place" accept output == input (the same
 * arena offset); the memory planner uses this to keep one activation buffer for a chain of pointwise
 * and depthwise layers. Any other overlap of input and output is an error the kernels do not detect.
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

/* Caller-owned scratch memory. buf must be 8-byte aligned; size in bytes. */
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

/* Average and max pooling parameters; the output keeps the input's scale and zero point. */
typedef struct {
    pqk_tile stride;
    pqk_tile padding;
    pqk_activation activation;
} pqk_pool_params;

/*
 * One output channel's bias and requantization, as the generator emits them.
 *   bias        int32 at scale input_scale * weight_scale[c]
 *   multiplier  Q31 in [2^30, 2^31), or 0 (output = zero point)
 *   shift       power-of-two exponent, positive = left (TFLite convention)
 * A kernel takes the fast requantization when every channel of the layer has 2 <= -shift <= 22 and a
 * non-negative multiplier (it checks once per call, and derives the constant
 * (2 * output_offset + 1) * 2^(-shift - 2) that lets one SMLAL or SMMLAR do both TFLite roundings and
 * add the zero point, pqk_kernel_util.h) and the exact general one otherwise; both give identical
 * results.
 * 9 bytes per channel with GCC and Clang: packed, since these arrays are a model's largest constants
 * after its weights (12 bytes padded: a third more flash for nothing). Nothing takes a field's address;
 * Cortex-M3 and up load the unaligned words with one LDR each (the sparse routine's assembly relies on
 * this layout: bias at 0, multiplier at 4, shift at 8), and for cores without unaligned access
 * (ARMv6-M) the compiler emits byte loads. Other compilers get the padded 12-byte layout.
 */
#if defined(__GNUC__)
#define PQK_PACKED __attribute__((packed))
#else
#define PQK_PACKED
#endif
typedef struct PQK_PACKED {
    int32_t bias;
    int32_t multiplier;
    int8_t shift;       /* TFLite's shift range is [-31, 30] */
} pqk_channel_quant;

/*
 * Element-wise add (TFLite / CMSIS-NN arm_elementwise_add_s8 arithmetic): each input is offset,
 * shifted left by left_shift and rescaled by its multiplier and (non-positive) shift, the two are
 * summed, rescaled to the output and offset. Offsets: input = -zero point, output = +zero point.
 */
typedef struct {
    int32_t input1_offset;
    int32_t input1_multiplier;
    int32_t input1_shift;
    int32_t input2_offset;
    int32_t input2_multiplier;
    int32_t input2_shift;
    int32_t left_shift;
    int32_t output_offset;
    int32_t output_multiplier;
    int32_t output_shift;
    pqk_activation activation;
} pqk_add_params;

/*
 * int8 softmax over rows (TFLite's integer algorithm): diff = x - max(row) is scaled by
 * input_multiplier * 2^input_left_shift into Q5.26; values below diff_min contribute zero.
 * The output has scale 1/256 and zero point -128.
 */
typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
    int32_t diff_min;
} pqk_softmax_params;

/* ---------------------------------------------------------------------------------------------- */
/* PQKS1 sparse weight tables                                                                     */
/* ---------------------------------------------------------------------------------------------- */

/*
 * PQKS1: a weight tensor viewed as R rows of K values - conv [C_OUT][KH*KW*C_IN], fully connected
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
 *
 * Kernels decode a table once per call into weight and index arrays in their scratch
 * (pqk_sparse_unpack: 2 bytes per non-zero, 3 for rows longer than 256), then apply every decoded
 * weight to every output pixel.
 */
typedef struct {
    const uint8_t *stream;  /* the bitstream, stream_bytes long */
    int32_t stream_bytes;
    int32_t entries;        /* entries in the stream: non-zeros plus escapes */
    int32_t nnz;            /* non-zero weights */
    int32_t rows;           /* R */
    int32_t cols;           /* K, at most 32767 */
    int32_t max_row_nnz;    /* most non-zeros in one row */
    uint8_t gap_bits;       /* g, 1..8 */
    uint8_t value_bits;     /* v, 1..8 */
    uint8_t value_base;     /* b, 1..127 */
} pqk_sparse_table;

/*
 * Decodes the whole table into three arrays, in row-major order of the non-zero weights:
 * weights[i] (int8), index[i] = the weight's position k within its row (uint8_t when the table's rows
 * have at most 256 positions, else uint16_t), and row_nnz[r] = the non-zeros of row r. weights and
 * index hold table->nnz entries, row_nnz table->rows. PQK_ERROR_ARGUMENT if the table's constants are
 * out of range or the stream is corrupt (runs out of bits, a weight beyond R*K, a magnitude above
 * 127, a non-zero count that disagrees with nnz).
 */
pqk_status pqk_sparse_unpack(const pqk_sparse_table *table, int8_t *weights, void *index, uint16_t *row_nnz);

/* ---------------------------------------------------------------------------------------------- */
/* Dense kernels                                                                                  */
/* ---------------------------------------------------------------------------------------------- */

/*
 * General convolution: any kernel size, stride, dilation and padding. Each output pixel's window is
 * gathered (im2col) into int16 with the input offset added, two pixels at a time, and multiplied with
 * two filter rows at a time (2x2 SMLAD kernel, pqk_nn_mat_mult_s8_s16).
 * input  [1, H_IN, W_IN, C_IN]     filter Format: [C_OUT, KH, KW, C_IN] (filter_dims = {C_OUT, KH, KW, C_IN})
 * quant  [C_OUT]                   output [1, H_OUT, W_OUT, C_OUT]
 */
int32_t pqk_convolve_s8_get_buffer_size(const pqk_dims *input_dims, const pqk_dims *filter_dims);
pqk_status pqk_convolve_s8(const pqk_context *ctx, const pqk_conv_params *params, const pqk_channel_quant *quant,
                           const pqk_dims *input_dims, const int8_t *input,
                           const pqk_dims *filter_dims, const int8_t *filter,
                           const pqk_dims *output_dims, int8_t *output);

/*
 * 1x1 convolution (pointwise), any stride, no padding: input pixels are converted to int16 directly,
 * two at a time. May run in place when C_OUT <= C_IN.
 * input  [1, H_IN, W_IN, C_IN]     filter Format: [C_OUT, 1, 1, C_IN]     output [1, H_OUT, W_OUT, C_OUT]
 */
int32_t pqk_convolve_1x1_s8_get_buffer_size(const pqk_dims *input_dims);
pqk_status pqk_convolve_1x1_s8(const pqk_context *ctx, const pqk_conv_params *params, const pqk_channel_quant *quant,
                               const pqk_dims *input_dims, const int8_t *input,
                               const pqk_dims *filter_dims, const int8_t *filter,
                               const pqk_dims *output_dims, int8_t *output);

/*
 * 1xN convolution: kernel height 1, dilation 1. A window is one contiguous run of KW * C_IN input
 * values (clipped by the padding), converted without a per-tap gather.
 * input  [1, H_IN, W_IN, C_IN]     filter Format: [C_OUT, 1, KW, C_IN]    output [1, H_OUT, W_OUT, C_OUT]
 */
int32_t pqk_convolve_1_x_n_s8_get_buffer_size(const pqk_dims *input_dims, const pqk_dims *filter_dims);
pqk_status pqk_convolve_1_x_n_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                 const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                 const pqk_dims *filter_dims, const int8_t *filter,
                                 const pqk_dims *output_dims, int8_t *output);

/*
 * Rows of output a depthwise convolution keeps in its ring buffer when it runs in place: output row y
 * is written back once no later output row reads the input rows it covers. 0 when the geometry does
 * not allow in-place execution (the output would overtake the input).
 */
int32_t pqk_depthwise_conv_in_place_rows(const pqk_conv_params *params, const pqk_dims *input_dims,
                                         const pqk_dims *filter_dims, const pqk_dims *output_dims);

/*
 * Depthwise convolution, depth multiplier 1, any kernel, stride, dilation, padding. Four channels at a
 * time (SXTAB16 + SMLAxy on DSP cores). May run in place (output == input) when
 * pqk_depthwise_conv_in_place_rows > 0; the buffer then holds that many output rows, otherwise none.
 * input  [1, H_IN, W_IN, C]        filter Format: [1, KH, KW, C] (filter_dims = {1, KH, KW, C})
 * quant  [C]                       output [1, H_OUT, W_OUT, C]
 */
int32_t pqk_depthwise_conv_s8_get_buffer_size(const pqk_conv_params *params, const pqk_dims *input_dims,
                                              const pqk_dims *filter_dims, const pqk_dims *output_dims,
                                              int32_t in_place);
pqk_status pqk_depthwise_conv_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                 const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                 const pqk_dims *filter_dims, const int8_t *filter,
                                 const pqk_dims *output_dims, int8_t *output);

/*
 * Depthwise 3x3 convolution, depth multiplier 1, dilation 1, padding at most 1, any stride. One channel
 * at a time through an int16 copy of its input plane with a zero border (the buffer), so no window
 * needs a bounds test; two taps per SMLAD on DSP cores. Always may run in place (output == input).
 * input  [1, H_IN, W_IN, C]        filter Format: [1, 3, 3, C] (filter_dims = {1, 3, 3, C})
 * quant  [C]                       output [1, H_OUT, W_OUT, C]
 */
int32_t pqk_depthwise_conv_3x3_s8_get_buffer_size(const pqk_conv_params *params, const pqk_dims *input_dims,
                                                  const pqk_dims *output_dims);
pqk_status pqk_depthwise_conv_3x3_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                     const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                     const pqk_dims *filter_dims, const int8_t *filter,
                                     const pqk_dims *output_dims, int8_t *output);

/*
 * Fully connected over the flattened input (vector x matrix), per-channel requantization; two rows at
 * a time with the input converted to int16 once per four values.
 * input  [1, H, W, C] read as C_IN = H*W*C values    filter Format: [C_OUT, C_IN] (filter_dims = {C_OUT, 1, 1, C_IN})
 * quant  [C_OUT]                                     output [1, 1, 1, C_OUT]
 */
pqk_status pqk_fully_connected_s8(const pqk_fc_params *params, const pqk_channel_quant *quant,
                                  const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const int8_t *filter,
                                  const pqk_dims *output_dims, int8_t *output);

/*
 * Average pooling (TFLite rounding: half away from zero; padded cells are not counted).
 * input [1, H_IN, W_IN, C]   pool_dims = {1, FH, FW, 1}   output [1, H_OUT, W_OUT, C]
 */
pqk_status pqk_avgpool_s8(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                          const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output);

/*
 * Max pooling over the in-bounds cells of each window, clamped to the activation range.
 * input [1, H_IN, W_IN, C]   pool_dims = {1, FH, FW, 1}   output [1, H_OUT, W_OUT, C]
 */
pqk_status pqk_max_pool_s8(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                           const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output);

/* Element-wise add of two int8 tensors of size elements. May run in place (output == input1 or input2). */
pqk_status pqk_elementwise_add_s8(const pqk_add_params *params, const int8_t *input1, const int8_t *input2,
                                  int32_t size, int8_t *output);

/* Softmax over rows rows of row_size int8 values; output scale 1/256, zero point -128. May run in place. */
pqk_status pqk_softmax_s8(const pqk_softmax_params *params, const int8_t *input, int32_t rows, int32_t row_size,
                          int8_t *output);

/* ---------------------------------------------------------------------------------------------- */
/* Sparse kernels (PQKS1 weights). Each decodes its table once per call into weight and index      */
/* arrays in the scratch and applies every weight to every output pixel, eight pixels at a time    */
/* with the accumulators in registers. Results equal the dense kernels'.                           */
/* ---------------------------------------------------------------------------------------------- */

/*
 * Sparse convolution (any kernel, stride, dilation, padding). filter rows are [C_OUT][KH*KW*C_IN]
 * (filter_dims = {C_OUT, KH, KW, C_IN}).
 */
int32_t pqk_convolve_sparse_s8_get_buffer_size(const pqk_sparse_table *filter, const pqk_dims *filter_dims);
pqk_status pqk_convolve_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                  const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const pqk_sparse_table *filter,
                                  const pqk_dims *output_dims, int8_t *output);

/*
 * Sparse 1x1 convolution, any stride, no padding. May run in place when C_OUT <= C_IN.
 */
int32_t pqk_convolve_1x1_sparse_s8_get_buffer_size(const pqk_sparse_table *filter, const pqk_dims *filter_dims);
pqk_status pqk_convolve_1x1_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                      const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                      const int8_t *input, const pqk_dims *filter_dims,
                                      const pqk_sparse_table *filter, const pqk_dims *output_dims, int8_t *output);

/*
 * Sparse depthwise convolution: filter rows are [C][KH*KW] (filter_dims = {1, KH, KW, C}). One channel
 * at a time: its input plane is copied into a zero-padded plane in the scratch (so no tap needs a
 * bounds check), then its few non-zero taps are applied to every output pixel. Because a channel's
 * input is no longer needed once copied, it always may run in place. At most 256 taps (KH*KW).
 */
int32_t pqk_depthwise_conv_sparse_s8_get_buffer_size(const pqk_sparse_table *filter, const pqk_conv_params *params,
                                                     const pqk_dims *input_dims, const pqk_dims *filter_dims,
                                                     const pqk_dims *output_dims);
pqk_status pqk_depthwise_conv_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                        const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                        const int8_t *input, const pqk_dims *filter_dims,
                                        const pqk_sparse_table *filter, const pqk_dims *output_dims, int8_t *output);

/* Sparse fully connected: filter rows are [C_OUT][C_IN] (filter_dims = {C_OUT, 1, 1, C_IN}). */
int32_t pqk_fully_connected_sparse_s8_get_buffer_size(const pqk_sparse_table *filter);
pqk_status pqk_fully_connected_sparse_s8(const pqk_context *ctx, const pqk_fc_params *params,
                                         const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                         const int8_t *input, const pqk_dims *filter_dims,
                                         const pqk_sparse_table *filter, const pqk_dims *output_dims,
                                         int8_t *output);

#endif /* PQK_KERNELS_H */
