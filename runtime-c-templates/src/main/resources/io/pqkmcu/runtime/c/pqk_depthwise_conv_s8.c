/*
 * pqk_depthwise_conv_s8.c - int8 depthwise convolution, depth multiplier 1, any kernel, stride,
 * dilation and padding, NHWC. Four channels at a time: one word of inputs and one of weights per tap
 * (CMSIS-NN's arm_depthwise_conv_s8_opt idea without its im2col copy). The in-bounds taps of each
 * window are computed once per output row and column, so the MAC loops need no tests. May run in
 * place (pqk_depthwise_util.h). Bit-exact with io.pqkmcu.trainer.interp.DepthwiseConv2DKernel.
 */
#include "pqk_depthwise_util.h"

/* One output row for one requantization mode (a constant after inlining). */
static PQK_ALWAYS_INLINE void pqk_dw_row(const pqk_conv_params *p, const pqk_channel_quant *quant, const int32_t mode,
                                         const pqk_dims *in_dims, const int8_t *input, const pqk_dims *f_dims,
                                         const int8_t *filter, const pqk_dims *out_dims, int32_t oy, int8_t *row_out)
{
    const int32_t ch = in_dims->c;
    const int32_t y0 = oy * p->stride.h - p->padding.h;
    const int32_t tap_step_y = p->dilation.h * in_dims->w * ch;
    const int32_t tap_step_x = p->dilation.w * ch;
    const int32_t offset2 = pqk_dw_offset2(p->input_offset);
    int32_t ky_first;
    int32_t ky_end;
    int32_t ox;
    pqk_window_range(y0, in_dims->h, f_dims->h, p->dilation.h, &ky_first, &ky_end);
    for (ox = 0; ox < out_dims->w; ox++) {
        const int32_t x0 = ox * p->stride.w - p->padding.w;
        int8_t *const out_px = row_out + ox * ch;
        int32_t kx_first;
        int32_t kx_end;
        const int8_t *in_origin;
        const int8_t *w_origin;
        int32_t c = 0;
        pqk_window_range(x0, in_dims->w, f_dims->w, p->dilation.w, &kx_first, &kx_end);
        in_origin = input + ((y0 + ky_first * p->dilation.h) * in_dims->w + x0 + kx_first * p->dilation.w) * ch;
        w_origin = filter + (ky_first * f_dims->w + kx_first) * ch;
        for (; c + 4 <= ch; c += 4) {
            const int8_t *in_row = in_origin + c;
            const int8_t *w_row = w_origin + c;
            int32_t a0 = quant[c].bias;
            int32_t a1 = quant[c + 1].bias;
            int32_t a2 = quant[c + 2].bias;
            int32_t a3 = quant[c + 3].bias;
            int32_t ky;
            for (ky = ky_first; ky < ky_end; ky++) {
                const int8_t *in_tap = in_row;
                const int8_t *w_tap = w_row;
                int32_t kx;
                for (kx = kx_first; kx < kx_end; kx++) {
                    PQK_DW_TAP4(in_tap, w_tap);
                    in_tap += tap_step_x;
                    w_tap += ch;
                }
                in_row += tap_step_y;
                w_row += f_dims->w * ch;
            }
            PQK_DW_STORE4(out_px + c, &quant[c], mode, p);
        }
        for (; c < ch; c++) {
            int32_t acc = quant[c].bias;
            const int8_t *in_row = in_origin + c;
            const int8_t *w_row = w_origin + c;
            int32_t ky;
            for (ky = ky_first; ky < ky_end; ky++) {
                int32_t kx;
                for (kx = 0; kx < kx_end - kx_first; kx++) {
                    acc += ((int32_t)in_row[kx * tap_step_x] + p->input_offset) * w_row[kx * ch];
                }
                in_row += tap_step_y;
                w_row += f_dims->w * ch;
            }
            out_px[c] = pqk_requant_output(acc, &quant[c], mode, p->output_offset, &p->activation);
        }
    }
}

pqk_status pqk_depthwise_conv_s8(const pqk_context *ctx, const pqk_conv_params *params,
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
    mode = pqk_requant_mode(quant, input_dims->c, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }
    for (oy = 0; oy < output_dims->h; oy++) {
        int8_t *const row_out = pqk_dw_row_out(output, ring_rows > 0 ? (int8_t *)ctx->buf : 0, ring_rows, row_bytes, oy);
#define PQK_DW_BODY(m) pqk_dw_row(params, quant, m, input_dims, input, filter_dims, filter, output_dims, oy, row_out)
        PQK_REQUANT_DISPATCH(mode, PQK_DW_BODY);
#undef PQK_DW_BODY
        pqk_dw_commit(output, ring_rows > 0 ? (const int8_t *)ctx->buf : 0, ring_rows, row_bytes, oy, output_dims->h);
    }
    return PQK_OK;
}
