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

/* Gathers the window of output pixel (oy, ox) into window[K] (padding = pad_value). */
static void pqk_conv_gather(const pqk_conv_params *p, const pqk_dims *in_dims, const int8_t *input,
                            int32_t k_h, int32_t k_w, int32_t oy, int32_t ox, int8_t pad_value, int8_t *window)
{
    const int32_t in_c = in_dims->c;
    const int32_t y0 = oy * p->stride.h - p->padding.h;
    const int32_t x0 = ox * p->stride.w - p->padding.w;
    const int32_t row_len = k_w * in_c;
    int32_t kx_first;
    int32_t kx_end;
    int32_t ky;
    pqk_window_range(x0, in_dims->w, k_w, p->dilation.w, &kx_first, &kx_end);
    for (ky = 0; ky < k_h; ky++) {
        const int32_t iy = y0 + ky * p->dilation.h;
        int8_t *const dst = window + ky * row_len;
        if (iy < 0 || iy >= in_dims->h || kx_end <= kx_first) {
            memset(dst, pad_value, (size_t)row_len);
            continue;
        }
        if (kx_first > 0) {
            memset(dst, pad_value, (size_t)(kx_first * in_c));
        }
        if (p->dilation.w == 1) {
            /* the in-bounds taps of a window row are one contiguous run of the input row */
            memcpy(dst + kx_first * in_c, input + (iy * in_dims->w + x0 + kx_first) * in_c,
                   (size_t)((kx_end - kx_first) * in_c));
        } else {
            int32_t kx;
            for (kx = kx_first; kx < kx_end; kx++) {
                memcpy(dst + kx * in_c, input + (iy * in_dims->w + x0 + kx * p->dilation.w) * in_c, (size_t)in_c);
            }
        }
        if (kx_end < k_w) {
            memset(dst + kx_end * in_c, pad_value, (size_t)((k_w - kx_end) * in_c));
        }
    }
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

    for (px = 0; px < pixels; px += PQK_COLUMNS) {
        const int32_t n = pixels - px < PQK_COLUMNS ? pixels - px : PQK_COLUMNS;
        int32_t p;
        for (p = 0; p < PQK_COLUMNS; p++) {
            if (p < n) {
                const int32_t oy = (px + p) / output_dims->w;
                pqk_conv_gather(params, input_dims, input, k_h, k_w, oy, px + p - oy * output_dims->w, pad_value,
                                window);
            }
            /* a short last block repeats its last window; those columns' outputs are dropped */
            pqk_s8_to_s16_column(window, block, p, k, params->input_offset);
        }
        pqk_nn_mat_mult_s8_s16(filter, block, k, out_c, quant, mode, params->output_offset, &params->activation, n,
                               output + px * out_c, out_c);
    }
    return PQK_OK;
}
