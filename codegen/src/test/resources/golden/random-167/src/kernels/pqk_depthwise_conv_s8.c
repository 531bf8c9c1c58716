/*
 * pqk_depthwise_conv_s8.c - int8 depthwise convolution, depth multiplier 1, NHWC.
 * Bit-exact with io.pqkmcu.trainer.interp.DepthwiseConv2DKernel.
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"

pqk_status pqk_depthwise_conv_s8(const pqk_conv_params *params, const pqk_per_channel_quant *quant,
                                 const pqk_dims *input_dims, const int8_t *input,
                                 const pqk_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                 const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t ch = input_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t input_offset = params->input_offset;
    int32_t oy;
    int32_t ox;
    int32_t c;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->n != 1 || k_h <= 0 || k_w <= 0 || filter_dims->c != ch || output_dims->c != ch) {
        return PQK_ERROR_ARGUMENT;
    }

    for (oy = 0; oy < output_dims->h; oy++) {
        const int32_t y0 = oy * params->stride.h - params->padding.h;
        int32_t ky_first;
        int32_t ky_end;
        pqk_window_range(y0, in_h, k_h, params->dilation.h, &ky_first, &ky_end);
        for (ox = 0; ox < output_dims->w; ox++) {
            const int32_t x0 = ox * params->stride.w - params->padding.w;
            int8_t *const out_px = output + (oy * output_dims->w + ox) * ch;
            int32_t kx_first;
            int32_t kx_end;
            pqk_window_range(x0, in_w, k_w, params->dilation.w, &kx_first, &kx_end);
            for (c = 0; c < ch; c++) {
                int32_t acc = bias[c];
                int32_t ky;
                for (ky = ky_first; ky < ky_end; ky++) {
                    const int32_t iy = y0 + ky * params->dilation.h;
                    int32_t kx;
                    for (kx = kx_first; kx < kx_end; kx++) {
                        const int32_t ix = x0 + kx * params->dilation.w;
                        acc += ((int32_t)input[(iy * in_w + ix) * ch + c] + input_offset)
                             * (int32_t)filter[(ky * k_w + kx) * ch + c];
                    }
                }
                out_px[c] = pqk_output_s8(acc, quant->multiplier[c], quant->shift[c], params->output_offset,
                                          &params->activation);
            }
        }
    }
    return PQK_OK;
}
