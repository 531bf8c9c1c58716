/*
 * pqk_convolve_1x1_s8.c - int8 1x1 (pointwise) convolution, any stride, no padding, NHWC. Each input
 * pixel is one column: converted straight into a column block (no gather), and every four pixels the
 * matrix-multiply kernel computes their outputs. The four pixels are converted before any output is
 * written, and an output pixel never starts past its input pixel when C_OUT <= C_IN, so the kernel
 * may run in place. Bit-exact with io.pqkmcu.trainer.interp.Conv2DKernel.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

int32_t pqk_convolve_1x1_s8_get_buffer_size(const pqk_dims *input_dims)
{
    return pqk_column_block_bytes(input_dims->c);
}

pqk_status pqk_convolve_1x1_s8(const pqk_context *ctx, const pqk_conv_params *params, const pqk_channel_quant *quant,
                               const pqk_dims *input_dims, const int8_t *input,
                               const pqk_dims *filter_dims, const int8_t *filter,
                               const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_c = input_dims->c;
    const int32_t out_c = output_dims->c;
    const int32_t out_w = output_dims->w;
    const int32_t pixels = output_dims->h * out_w;
    int16_t *block;
    int32_t mode;
    int32_t px;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->h != 1 || filter_dims->w != 1 || filter_dims->c != in_c || filter_dims->n != out_c
        || params->padding.h != 0 || params->padding.w != 0
        || (output_dims->h - 1) * params->stride.h >= input_dims->h
        || (out_w - 1) * params->stride.w >= input_dims->w
        || (output == input && out_c > in_c)) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_convolve_1x1_s8_get_buffer_size(input_dims))) {
        return PQK_ERROR_SIZE;
    }
    block = (int16_t *)ctx->buf;
    mode = pqk_requant_mode(quant, out_c, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }

    for (px = 0; px < pixels; px += PQK_COLUMNS) {
        const int32_t n = pixels - px < PQK_COLUMNS ? pixels - px : PQK_COLUMNS;
        int32_t p;
        for (p = 0; p < PQK_COLUMNS; p++) {
            const int32_t q = px + (p < n ? p : n - 1);
            const int32_t oy = q / out_w;
            const int32_t ox = q - oy * out_w;
            pqk_s8_to_s16_column(input + (oy * params->stride.h * input_dims->w + ox * params->stride.w) * in_c, block,
                                 p, in_c, params->input_offset);
        }
        pqk_nn_mat_mult_s8_s16(filter, block, in_c, out_c, quant, mode, params->output_offset, &params->activation,
                               n, output + px * out_c, out_c);
    }
    return PQK_OK;
}
