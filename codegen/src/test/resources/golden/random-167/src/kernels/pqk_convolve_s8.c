/*
 * pqk_convolve_s8.c - general int8 convolution (any kernel, stride, dilation, padding), NHWC.
 * Bit-exact with io.pqkmcu.trainer.interp.Conv2DKernel.
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"

pqk_status pqk_convolve_s8(const pqk_conv_params *params, const pqk_per_channel_quant *quant,
                           const pqk_dims *input_dims, const int8_t *input,
                           const pqk_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                           const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t in_c = input_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_c = output_dims->c;
    const int32_t input_offset = params->input_offset;
    const int32_t filter_row = k_h * k_w * in_c; /* weights per output channel */
    int32_t oy;
    int32_t ox;
    int32_t co;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || k_h <= 0 || k_w <= 0 || filter_dims->c != in_c || filter_dims->n != out_c) {
        return PQK_ERROR_ARGUMENT;
    }

    for (oy = 0; oy < output_dims->h; oy++) {
        const int32_t y0 = oy * params->stride.h - params->padding.h;
        int32_t ky_first;
        int32_t ky_end;
        pqk_window_range(y0, in_h, k_h, params->dilation.h, &ky_first, &ky_end);
        for (ox = 0; ox < output_dims->w; ox++) {
            const int32_t x0 = ox * params->stride.w - params->padding.w;
            int32_t kx_first;
            int32_t kx_end;
            pqk_window_range(x0, in_w, k_w, params->dilation.w, &kx_first, &kx_end);
            for (co = 0; co < out_c; co++) {
                const int8_t *const filter_co = filter + co * filter_row;
                int32_t acc = bias[co];
                int32_t ky;
                for (ky = ky_first; ky < ky_end; ky++) {
                    const int32_t iy = y0 + ky * params->dilation.h;
                    int32_t kx;
                    for (kx = kx_first; kx < kx_end; kx++) {
                        const int32_t ix = x0 + kx * params->dilation.w;
                        const int8_t *in_px = input + (iy * in_w + ix) * in_c;
                        const int8_t *w_px = filter_co + (ky * k_w + kx) * in_c;
                        int32_t ci;
                        for (ci = 0; ci < in_c; ci++) {
                            acc += ((int32_t)in_px[ci] + input_offset) * (int32_t)w_px[ci];
                        }
                    }
                }
                output[(oy * output_dims->w + ox) * out_c + co] = pqk_output_s8(
                    acc, quant->multiplier[co], quant->shift[co], params->output_offset, &params->activation);
            }
        }
    }
    return PQK_OK;
}
