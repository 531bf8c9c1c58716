/*
 * pqk_max_pool_s8.c - int8 max pooling, NHWC: the largest in-bounds cell of each window, clamped to
 * the activation range. DSP cores compare four channels per instruction pair (SSUB8 sets the lane
 * flags, SEL keeps the larger bytes). Bit-exact with io.pqkmcu.trainer.interp.MaxPool2DKernel.
 */
#include "pqk_kernel_util.h"

pqk_status pqk_max_pool_s8(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                           const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_w = input_dims->w;
    const int32_t ch = input_dims->c;
    const int32_t lo = params->activation.min;
    const int32_t hi = params->activation.max;
    int32_t oy;
    int32_t ox;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || output_dims->c != ch
        || pool_dims->h <= 0 || pool_dims->w <= 0 || params->stride.h <= 0 || params->stride.w <= 0
        || params->padding.h < 0 || params->padding.w < 0 || !pqk_activation_ok(&params->activation)) {
        return PQK_ERROR_ARGUMENT;
    }

    for (oy = 0; oy < output_dims->h; oy++) {
        const int32_t y0 = oy * params->stride.h - params->padding.h;
        int32_t fy_first;
        int32_t fy_end;
        pqk_window_range(y0, input_dims->h, pool_dims->h, 1, &fy_first, &fy_end);
        for (ox = 0; ox < output_dims->w; ox++) {
            const int32_t x0 = ox * params->stride.w - params->padding.w;
            int8_t *const out_px = output + (oy * output_dims->w + ox) * ch;
            int32_t fx_first;
            int32_t fx_end;
            int32_t c = 0;
            pqk_window_range(x0, in_w, pool_dims->w, 1, &fx_first, &fx_end);
#if defined(__ARM_FEATURE_DSP)
            for (; c + 4 <= ch; c += 4) {
                uint32_t best = 0x80808080u; /* -128 in every lane */
                int32_t fy;
                int32_t i;
                for (fy = fy_first; fy < fy_end; fy++) {
                    const int8_t *cell = input + ((y0 + fy) * in_w + x0 + fx_first) * ch + c;
                    int32_t fx;
                    for (fx = fx_first; fx < fx_end; fx++) {
                        const uint32_t v = pqk_read_u32(cell);
                        (void)__ssub8((int32_t)v, (int32_t)best); /* GE lane flags: v >= best */
                        best = __sel(v, best);
                        cell += ch;
                    }
                }
                for (i = 0; i < 4; i++) {
                    out_px[c + i] = pqk_clamp_s8((int8_t)(uint8_t)(best >> (8 * i)), lo, hi);
                }
            }
#endif /* __ARM_FEATURE_DSP */
            for (; c < ch; c++) {
                int32_t best = -128;
                int32_t fy;
                for (fy = fy_first; fy < fy_end; fy++) {
                    const int8_t *cell = input + ((y0 + fy) * in_w + x0 + fx_first) * ch + c;
                    int32_t fx;
                    for (fx = fx_first; fx < fx_end; fx++) {
                        best = *cell > best ? *cell : best;
                        cell += ch;
                    }
                }
                out_px[c] = pqk_clamp_s8(best, lo, hi);
            }
        }
    }
    return PQK_OK;
}
