/*
 * pqk_avgpool_s8.c - int8 average pooling, NHWC. Sum of the in-bounds cells divided by their count,
 * rounded half away from zero (TFLite); padded cells are not counted. Scale and zero point pass
 * through. Bit-exact with io.pqkmcu.trainer.interp.AveragePool2DKernel.
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"

pqk_status pqk_avgpool_s8(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                          const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t ch = input_dims->c;
    int32_t oy;
    int32_t ox;
    int32_t c;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || output_dims->c != ch
        || pool_dims->h <= 0 || pool_dims->w <= 0 || params->stride.h <= 0 || params->stride.w <= 0
        || params->padding.h < 0 || params->padding.w < 0 || !pqk_activation_ok(&params->activation)) {
        return PQK_ERROR_ARGUMENT;
    }

    for (oy = 0; oy < output_dims->h; oy++) {
        const int32_t y0 = oy * params->stride.h - params->padding.h;
        int32_t fy_first;
        int32_t fy_end;
        pqk_window_range(y0, in_h, pool_dims->h, 1, &fy_first, &fy_end);
        for (ox = 0; ox < output_dims->w; ox++) {
            const int32_t x0 = ox * params->stride.w - params->padding.w;
            int8_t *const out_px = output + (oy * output_dims->w + ox) * ch;
            int32_t fx_first;
            int32_t fx_end;
            int32_t count;
            pqk_window_range(x0, in_w, pool_dims->w, 1, &fx_first, &fx_end);
            count = (fy_end - fy_first) * (fx_end - fx_first);
            if (fy_end <= fy_first || fx_end <= fx_first) {
                return PQK_ERROR_ARGUMENT; /* a window entirely in the padding has no average */
            }
            for (c = 0; c < ch; c++) {
                int32_t acc = 0;
                int32_t avg;
                int32_t fy;
                for (fy = fy_first; fy < fy_end; fy++) {
                    /* index from the window's first in-bounds cell: x0 may be negative (padding) */
                    const int8_t *in_row = input + ((y0 + fy) * in_w + x0 + fx_first) * ch + c;
                    int32_t fx;
                    for (fx = 0; fx < fx_end - fx_first; fx++) {
                        acc += in_row[fx * ch];
                    }
                }
                /* C99 division truncates toward zero, so +-count/2 rounds half away from zero. */
                avg = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                out_px[c] = (int8_t)pqk_clamp(avg, params->activation.min, params->activation.max);
            }
        }
    }
    return PQK_OK;
}
