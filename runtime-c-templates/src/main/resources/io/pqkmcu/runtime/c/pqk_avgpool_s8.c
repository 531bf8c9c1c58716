/*
 * pqk_avgpool_s8.c - int8 average pooling, NHWC. Sum of the in-bounds cells divided by their count,
 * rounded half away from zero (TFLite); padded cells are not counted. Scale and zero point pass
 * through. Four channels per pass share the window loop. Bit-exact with AveragePool2DKernel.
 */
#include "pqk_kernel_util.h"

/* sum / count rounded half away from zero (C99 division truncates toward zero), clamped. */
static inline int8_t pqk_avg_out(int32_t sum, int32_t count, const pqk_activation *act)
{
    const int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    return pqk_clamp_s8(avg, act->min, act->max);
}

pqk_status pqk_avgpool_s8(const pqk_pool_params *params, const pqk_dims *input_dims, const int8_t *input,
                          const pqk_dims *pool_dims, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_w = input_dims->w;
    const int32_t ch = input_dims->c;
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
            int32_t count;
            int32_t c;
            pqk_window_range(x0, in_w, pool_dims->w, 1, &fx_first, &fx_end);
            if (fy_end <= fy_first || fx_end <= fx_first) {
                return PQK_ERROR_ARGUMENT; /* a window entirely in the padding has no average */
            }
            count = (fy_end - fy_first) * (fx_end - fx_first);
            for (c = 0; c < ch; c += 4) {
                const int32_t n = ch - c < 4 ? ch - c : 4;
                int32_t s0 = 0;
                int32_t s1 = 0;
                int32_t s2 = 0;
                int32_t s3 = 0;
                int32_t fy;
                for (fy = fy_first; fy < fy_end; fy++) {
                    const int8_t *cell = input + ((y0 + fy) * in_w + x0 + fx_first) * ch + c;
                    int32_t fx;
                    for (fx = fx_first; fx < fx_end; fx++) {
                        s0 += cell[0];
                        if (n == 4) {
                            s1 += cell[1];
                            s2 += cell[2];
                            s3 += cell[3];
                        } else {
                            s1 += n > 1 ? cell[1] : 0;
                            s2 += n > 2 ? cell[2] : 0;
                        }
                        cell += ch;
                    }
                }
                out_px[c] = pqk_avg_out(s0, count, &params->activation);
                if (n > 1) {
                    out_px[c + 1] = pqk_avg_out(s1, count, &params->activation);
                }
                if (n > 2) {
                    out_px[c + 2] = pqk_avg_out(s2, count, &params->activation);
                }
                if (n > 3) {
                    out_px[c + 3] = pqk_avg_out(s3, count, &params->activation);
                }
            }
        }
    }
    return PQK_OK;
}
