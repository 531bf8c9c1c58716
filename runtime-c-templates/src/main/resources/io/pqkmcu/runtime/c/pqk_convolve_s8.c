/*
 * pqk_convolve_s8.c - general int8 convolution (any kernel, stride, dilation, padding), NHWC, with
 * CMSIS-NN's algorithm: each output pixel's window is gathered (im2col) into an int8 staging buffer,
 * padded cells holding -input_offset so they contribute zero, converted into one int16 column of a
 * block, and every four pixels the matrix-multiply kernel computes their outputs.
 * Bit-exact with io.pqkmcu.trainer.interp.Conv2DKernel.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

int32_t pqk_convolve_s8_get_buffer_size(const pqk_dims *input_dims, const pqk_dims *filter_dims)
{
    const int32_t k = filter_dims->h * filter_dims->w * input_dims->c;
    return pqk_column_block_bytes(k) + pqk_align8(k);
}

pqk_status pqk_convolve_s8(const pqk_context *ctx, const pqk_conv_params *params, const pqk_channel_quant *quant,
                           const pqk_dims *input_dims, const int8_t *input,
                           const pqk_dims *filter_dims, const int8_t *filter,
                           const pqk_dims *output_dims, int8_t *output)
{
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_c = output_dims->c;
    const int32_t k = k_h * k_w * input_dims->c;
    const int32_t pixels = output_dims->h * output_dims->w;
    const int8_t pad_value = (int8_t)(-params->input_offset);
    int16_t *block;
    int8_t *window;
    int32_t mode;
    int32_t px;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || k_h <= 0 || k_w <= 0 || filter_dims->c != input_dims->c || filter_dims->n != out_c) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_convolve_s8_get_buffer_size(input_dims, filter_dims))) {
        return PQK_ERROR_SIZE;
    }
    block = (int16_t *)ctx->buf;
    window = (int8_t *)ctx->buf + pqk_column_block_bytes(k);
    mode = pqk_requant_mode(quant, out_c, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }

    for (px = 0; px < pixels; px += PQK_COLUMNS) {
        const int32_t n = pixels - px < PQK_COLUMNS ? pixels - px : PQK_COLUMNS;
        int32_t p;
        for (p = 0; p < PQK_COLUMNS; p++) {
            if (p < n) {
                const int32_t oy = (px + p) / output_dims->w;
                pqk_conv_gather_window(params, input_dims, input, k_h, k_w, oy, px + p - oy * output_dims->w,
                                       pad_value, window);
            }
            /* a short last block repeats its last window; those columns' outputs are dropped */
            pqk_s8_to_s16_column(window, block, p, k, params->input_offset);
        }
        pqk_nn_mat_mult_s8_s16(filter, block, k, out_c, quant, mode, params->output_offset, &params->activation, n,
                               output + px * out_c, out_c);
    }
    return PQK_OK;
}
