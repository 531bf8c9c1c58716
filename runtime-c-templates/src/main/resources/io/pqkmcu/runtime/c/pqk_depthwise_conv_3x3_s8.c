/*
 * pqk_depthwise_conv_3x3_s8.c - int8 depthwise convolution with a 3x3 kernel, dilation 1, padding at
 * most 1, any stride (CMSIS-NN's arm_depthwise_conv_3x3_s8 case). Windows that lie inside the input
 * run the nine taps unrolled with fixed offsets, four channels at a time; border windows loop over
 * their in-bounds taps. May run in place (pqk_depthwise_util.h). Bit-exact with DepthwiseConv2DKernel.
 */
#include "pqk_depthwise_util.h"

static PQK_ALWAYS_INLINE void pqk_dw3_row(const pqk_conv_params *p, const pqk_channel_quant *quant, const int32_t mode,
                                          const pqk_dims *in_dims, const int8_t *input, const int8_t *filter,
                                          const pqk_dims *out_dims, int32_t oy, int8_t *row_out)
{
    const int32_t ch = in_dims->c;
    const int32_t in_row = in_dims->w * ch;
    const int32_t y0 = oy * p->stride.h - p->padding.h;
    const int32_t offset2 = pqk_dw_offset2(p->input_offset);
    const int32_t ky_first = y0 < 0 ? -y0 : 0;
    const int32_t ky_end = in_dims->h - y0 < 3 ? in_dims->h - y0 : 3;
    int32_t ox;
    for (ox = 0; ox < out_dims->w; ox++) {
        const int32_t x0 = ox * p->stride.w - p->padding.w;
        const int32_t kx_first = x0 < 0 ? -x0 : 0;
        const int32_t kx_end = in_dims->w - x0 < 3 ? in_dims->w - x0 : 3;
        int8_t *const out_px = row_out + ox * ch;
        int32_t c = 0;
        if (ky_first == 0 && ky_end == 3 && kx_first == 0 && kx_end == 3) {
            const int8_t *const in0 = input + (y0 * in_dims->w + x0) * ch;
            for (; c + 4 <= ch; c += 4) {
                const int8_t *in = in0 + c;
                const int8_t *w = filter + c;
                int32_t a0 = quant[c].bias;
                int32_t a1 = quant[c + 1].bias;
                int32_t a2 = quant[c + 2].bias;
                int32_t a3 = quant[c + 3].bias;
                int32_t ky;
                for (ky = 0; ky < 3; ky++) {
                    PQK_DW_TAP4(in, w);
                    PQK_DW_TAP4(in + ch, w + ch);
                    PQK_DW_TAP4(in + 2 * ch, w + 2 * ch);
                    in += in_row;
                    w += 3 * ch;
                    /* one kernel row at a time: left free, GCC hoists all nine taps' loads and spills */
                    PQK_PIN_ADDRESS(in);
                }
                PQK_DW_STORE4(out_px + c, &quant[c], mode, p);
            }
        }
        /* border windows (their in-bounds taps), and the channels after the last group of four */
        for (; c < ch; c += 4) {
            const int8_t *const in0 = input + ((y0 + ky_first) * in_dims->w + x0 + kx_first) * ch + c;
            const int8_t *const w0 = filter + (ky_first * 3 + kx_first) * ch + c;
            int32_t ky;
            if (c + 4 <= ch) {
                int32_t a0 = quant[c].bias;
                int32_t a1 = quant[c + 1].bias;
                int32_t a2 = quant[c + 2].bias;
                int32_t a3 = quant[c + 3].bias;
                for (ky = 0; ky < ky_end - ky_first; ky++) {
                    int32_t kx;
                    for (kx = 0; kx < kx_end - kx_first; kx++) {
                        PQK_DW_TAP4(in0 + (ky * in_dims->w + kx) * ch, w0 + (ky * 3 + kx) * ch);
                    }
                }
                PQK_DW_STORE4(out_px + c, &quant[c], mode, p);
            } else {
                int32_t i;
                for (i = 0; c + i < ch; i++) {
                    int32_t acc = quant[c + i].bias;
                    for (ky = 0; ky < ky_end - ky_first; ky++) {
                        int32_t kx;
                        for (kx = 0; kx < kx_end - kx_first; kx++) {
                            acc += ((int32_t)in0[(ky * in_dims->w + kx) * ch + i] + p->input_offset)
                                 * w0[(ky * 3 + kx) * ch + i];
                        }
                    }
                    out_px[c + i] = pqk_requant_output(acc, &quant[c + i], mode, p->output_offset, &p->activation);
                }
            }
        }
    }
}

pqk_status pqk_depthwise_conv_3x3_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                     const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                     const pqk_dims *filter_dims, const int8_t *filter,
                                     const pqk_dims *output_dims, int8_t *output)
{
    const int32_t row_bytes = output_dims->w * output_dims->c;
    int32_t ring_rows;
    int32_t mode;
    int32_t oy;
    pqk_status status = pqk_dw_check(ctx, params, input_dims, input, filter_dims, output_dims, output, &ring_rows);
    if (status != PQK_OK) {
        return status;
    }
    if (filter_dims->h != 3 || filter_dims->w != 3 || params->dilation.h != 1 || params->dilation.w != 1
        || params->padding.h > 1 || params->padding.w > 1) {
        return PQK_ERROR_ARGUMENT;
    }
    mode = pqk_requant_mode(quant, input_dims->c, params->output_offset, &params->activation);
    for (oy = 0; oy < output_dims->h; oy++) {
        int8_t *const row_out = pqk_dw_row_out(output, ring_rows > 0 ? (int8_t *)ctx->buf : 0, ring_rows, row_bytes, oy);
#define PQK_DW3_BODY(m) pqk_dw3_row(params, quant, m, input_dims, input, filter, output_dims, oy, row_out)
        PQK_REQUANT_DISPATCH(mode, PQK_DW3_BODY);
#undef PQK_DW3_BODY
        pqk_dw_commit(output, ring_rows > 0 ? (const int8_t *)ctx->buf : 0, ring_rows, row_bytes, oy, output_dims->h);
    }
    return PQK_OK;
}
