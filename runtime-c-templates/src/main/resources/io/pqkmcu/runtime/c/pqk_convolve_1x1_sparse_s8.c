/*
 * pqk_convolve_1x1_sparse_s8.c - int8 1x1 convolution with PQKS1 sparse weights, any stride, no
 * padding, NHWC. The table is decoded once (pqk_sparse_decode); then for every eight
 * output pixels their inputs fill a sparse block and each row's weights are applied to all eight
 * (pqk_nn_sparse_block_s16). Eight pixels are read before any of their outputs is written, and an
 * output pixel never starts past its input pixel when C_OUT <= C_IN, so the kernel may run in place.
 * Results equal pqk_convolve_1x1_s8's.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

int32_t pqk_convolve_1x1_sparse_s8_get_buffer_size(const pqk_sparse_table *filter, const pqk_dims *filter_dims)
{
    return pqk_sparse_decoded_bytes(filter) + pqk_sparse_block_bytes(filter_dims->c);
}

pqk_status pqk_convolve_1x1_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                      const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                      const int8_t *input, const pqk_dims *filter_dims,
                                      const pqk_sparse_table *filter, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_c = input_dims->c;
    const int32_t out_c = output_dims->c;
    const int32_t out_w = output_dims->w;
    const int32_t pixels = output_dims->h * out_w;
    int16_t *block;
    int32_t mode;
    int32_t px;
    pqk_status status;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->h != 1 || filter_dims->w != 1 || filter_dims->c != in_c || filter_dims->n != out_c
        || filter->rows != out_c || filter->cols != in_c
        || params->padding.h != 0 || params->padding.w != 0
        || (output_dims->h - 1) * params->stride.h >= input_dims->h
        || (out_w - 1) * params->stride.w >= input_dims->w
        || (output == input && out_c > in_c)) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_convolve_1x1_sparse_s8_get_buffer_size(filter, filter_dims))) {
        return PQK_ERROR_SIZE;
    }
    block = (int16_t *)(void *)((uint8_t *)ctx->buf + pqk_sparse_decoded_bytes(filter));
    status = pqk_sparse_decode(filter, ctx->buf);
    if (status != PQK_OK) {
        return status;
    }
    mode = pqk_requant_mode(quant, out_c, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }

    for (px = 0; px < pixels; px += PQK_SPARSE_BLOCK) {
        const int32_t n = pixels - px < PQK_SPARSE_BLOCK ? pixels - px : PQK_SPARSE_BLOCK;
        const int8_t *src[PQK_SPARSE_BLOCK];
        int32_t p;
        for (p = 0; p < PQK_SPARSE_BLOCK; p++) {
            const int32_t q = px + (p < n ? p : n - 1);
            const int32_t oy = q / out_w;
            const int32_t ox = q - oy * out_w;
            src[p] = input + (oy * params->stride.h * input_dims->w + ox * params->stride.w) * in_c;
        }
        pqk_s8_to_block_s16(src, block, in_c, params->input_offset);
        pqk_nn_sparse_block_s16(block, ctx->buf, filter, quant, mode, params->output_offset, &params->activation, n,
                                output + px * out_c, out_c);
    }
    return PQK_OK;
}
