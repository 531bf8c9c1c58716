/*
 * pqk_convolve_1_x_n_s8.c - int8 convolution with a 1xN kernel (height 1, dilation 1 along the row),
 * any stride and padding, NHWC. A window is one contiguous run of KW * C_IN input values: when it lies
 * inside the input it is converted straight from the input; only windows that reach into the padding
 * are staged (with -input_offset for the padded cells). Bit-exact with Conv2DKernel.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

int32_t pqk_convolve_1_x_n_s8_get_buffer_size(const pqk_dims *input_dims, const pqk_dims *filter_dims)
{
    const int32_t k = filter_dims->w * input_dims->c;
    return pqk_column_block_bytes(k) + pqk_align8(k);
}

pqk_status pqk_convolve_1_x_n_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                 const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                 const pqk_dims *filter_dims, const int8_t *filter,
                                 const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_c = input_dims->c;
    const int32_t in_w = input_dims->w;
    const int32_t k_w = filter_dims->w;
    const int32_t out_c = output_dims->c;
    const int32_t out_w = output_dims->w;
    const int32_t k = k_w * in_c;
    const int32_t pixels = output_dims->h * out_w;
    int16_t *block;
    int8_t *window;
    int32_t mode;
    int32_t px;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->h != 1 || k_w <= 0 || params->dilation.w != 1 || filter_dims->c != in_c
        || filter_dims->n != out_c) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_convolve_1_x_n_s8_get_buffer_size(input_dims, filter_dims))) {
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
        const int8_t *src = window;
        int32_t p;
        for (p = 0; p < PQK_COLUMNS; p++) {
            if (p < n) {
                const int32_t oy = (px + p) / out_w;
                const int32_t ox = px + p - oy * out_w;
                const int32_t iy = oy * params->stride.h - params->padding.h;
                const int32_t x0 = ox * params->stride.w - params->padding.w;
                if (iy < 0 || iy >= input_dims->h) {
                    memset(window, -params->input_offset, (size_t)k);
                    src = window;
                } else if (x0 >= 0 && x0 + k_w <= in_w) {
                    src = input + (iy * in_w + x0) * in_c;
                } else {
                    int32_t kx_first;
                    int32_t kx_end;
                    pqk_window_range(x0, in_w, k_w, 1, &kx_first, &kx_end);
                    memset(window, -params->input_offset, (size_t)k);
                    if (kx_end > kx_first) {
                        memcpy(window + kx_first * in_c, input + (iy * in_w + x0 + kx_first) * in_c,
                               (size_t)((kx_end - kx_first) * in_c));
                    }
                    src = window;
                }
            }
            pqk_s8_to_s16_column(src, block, p, k, params->input_offset);
        }
        pqk_nn_mat_mult_s8_s16(filter, block, k, out_c, quant, mode, params->output_offset, &params->activation, n,
                               output + px * out_c, out_c);
    }
    return PQK_OK;
}
