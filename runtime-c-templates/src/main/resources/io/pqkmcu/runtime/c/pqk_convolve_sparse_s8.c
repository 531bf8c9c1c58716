/*
 * pqk_convolve_sparse_s8.c - int8 convolution with PQKS1 sparse weights (any kernel, stride,
 * dilation, padding), NHWC. The table is decoded once (pqk_sparse_decode); then eight
 * output pixels at a time have their windows gathered (im2col; padded cells hold -input_offset so they
 * add nothing; a window row's in-bounds taps are one contiguous run when dilation is 1) and converted
 * into a sparse block, and each row's weights are applied to all eight pixels
 * (pqk_nn_sparse_block_s16). Results equal pqk_convolve_s8's.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

int32_t pqk_convolve_sparse_s8_get_buffer_size(const pqk_sparse_table *filter, const pqk_dims *filter_dims)
{
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    return pqk_sparse_decoded_bytes(filter) + pqk_sparse_block_bytes(k) + PQK_SPARSE_BLOCK * pqk_align4(k);
}

pqk_status pqk_convolve_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                  const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const pqk_sparse_table *filter,
                                  const pqk_dims *output_dims, int8_t *output)
{
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_c = output_dims->c;
    const int32_t out_w = output_dims->w;
    const int32_t k = k_h * k_w * input_dims->c;
    const int32_t pixels = output_dims->h * out_w;
    const int8_t pad_value = (int8_t)(-params->input_offset);
    int16_t *block;
    int8_t *windows;
    int32_t mode;
    int32_t px;
    pqk_status status;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || k_h <= 0 || k_w <= 0 || filter_dims->c != input_dims->c || filter_dims->n != out_c
        || filter->rows != out_c || filter->cols != k) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_convolve_sparse_s8_get_buffer_size(filter, filter_dims))) {
        return PQK_ERROR_SIZE;
    }
    block = (int16_t *)(void *)((uint8_t *)ctx->buf + pqk_sparse_decoded_bytes(filter));
    windows = (int8_t *)block + pqk_sparse_block_bytes(k);
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
            int8_t *const window = windows + (p < n ? p : n - 1) * pqk_align4(k);
            if (p < n) {
                const int32_t oy = (px + p) / out_w;
                pqk_conv_gather_window(params, input_dims, input, k_h, k_w, oy, px + p - oy * out_w, pad_value, window);
            }
            src[p] = window;
        }
        pqk_s8_to_block_s16(src, block, k, params->input_offset);
        pqk_nn_sparse_block_s16(block, ctx->buf, filter, quant, mode, params->output_offset, &params->activation, n,
                                output + px * out_c, out_c);
    }
    return PQK_OK;
}
