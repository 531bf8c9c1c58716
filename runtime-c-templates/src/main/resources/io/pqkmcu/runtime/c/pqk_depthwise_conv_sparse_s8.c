/*
 * pqk_depthwise_conv_sparse_s8.c - int8 depthwise convolution with PQKS1 sparse weights (rows
 * [C][KH*KW]), any kernel, stride, dilation and padding, NHWC.
 *
 * The table is decoded once. Channels are taken four at a time: their input planes are copied (one
 * word per pixel) into a plane whose border holds -input_offset, so every window lies inside it and no
 * tap needs a bounds check; the offset is folded into the bias (bias + input_offset * sum of the
 * channel's weights, which makes a border cell's contribution zero). Then each channel applies its few
 * non-zero taps to every output pixel, with the tap loop unrolled for up to three taps. A channel's
 * input is no longer read once copied, so the kernel always may run in place.
 * Results equal pqk_depthwise_conv_s8's.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

/* The padded plane: rows and columns of the input plus the padding before and after. */
static void pqk_dws_plane(const pqk_conv_params *p, const pqk_dims *in_dims, const pqk_dims *f_dims,
                          const pqk_dims *out_dims, int32_t *plane_h, int32_t *plane_w)
{
    const int32_t need_h = (out_dims->h - 1) * p->stride.h + (f_dims->h - 1) * p->dilation.h + 1;
    const int32_t need_w = (out_dims->w - 1) * p->stride.w + (f_dims->w - 1) * p->dilation.w + 1;
    const int32_t have_h = p->padding.h + in_dims->h;
    const int32_t have_w = p->padding.w + in_dims->w;
    *plane_h = need_h > have_h ? need_h : have_h;
    *plane_w = need_w > have_w ? need_w : have_w;
}

int32_t pqk_depthwise_conv_sparse_s8_get_buffer_size(const pqk_sparse_table *filter, const pqk_conv_params *params,
                                                     const pqk_dims *input_dims, const pqk_dims *filter_dims,
                                                     const pqk_dims *output_dims)
{
    int32_t plane_h;
    int32_t plane_w;
    pqk_dws_plane(params, input_dims, filter_dims, output_dims, &plane_h, &plane_w);
    return pqk_sparse_entries_bytes(filter) + 4 * plane_h * plane_w
         + 8 * (filter->max_row_nnz > 0 ? filter->max_row_nnz : 1);
}

/*
 * One channel over all output pixels with its taps (byte offsets in the plane, weights). taps is a
 * constant after inlining (1, 2, 3, or 0 for the general loop over n), and so is mode; the weights,
 * offsets and requantization constants of the channel stay in registers for the whole plane.
 */
static PQK_ALWAYS_INLINE void pqk_dws_channel(const int8_t *plane, int32_t plane_w, const pqk_conv_params *p,
                                              const pqk_dims *out_dims, int32_t ch, const int32_t taps, int32_t n,
                                              const int32_t *offset, const int32_t *weight, int32_t bias,
                                              const pqk_requant *rq, const int32_t mode, int8_t *out)
{
    const int32_t o0 = offset[0];
    const int32_t o1 = offset[taps > 1 ? 1 : 0];
    const int32_t o2 = offset[taps > 2 ? 2 : 0];
    const int32_t w0 = weight[0];
    const int32_t w1 = weight[taps > 1 ? 1 : 0];
    const int32_t w2 = weight[taps > 2 ? 2 : 0];
    const pqk_requant r = *rq;
    const int32_t step_x = 4 * p->stride.w;
    const int32_t step_y = 4 * p->stride.h * plane_w;
    const int32_t out_w = out_dims->w;
    const int8_t *row = plane;
    int32_t oy;
    for (oy = 0; oy < out_dims->h; oy++) {
        const int8_t *x = row;
        int8_t *o = out + oy * out_w * ch;
        int8_t *const o_end = o + out_w * ch;
        for (; o != o_end; o += ch) {
            int32_t acc = bias;
            if (taps == 1) {
                acc += w0 * x[o0];
            } else if (taps == 2) {
                acc += w0 * x[o0];
                acc += w1 * x[o1];
            } else if (taps == 3) {
                acc += w0 * x[o0];
                acc += w1 * x[o1];
                acc += w2 * x[o2];
            } else {
                int32_t j;
                for (j = 0; j < n; j++) {
                    acc += weight[j] * x[offset[j]];
                }
            }
            *o = pqk_requant_apply(acc, &r, mode);
            x += step_x;
        }
        row += step_y;
    }
}

/* Runs channel c with its tap count as a constant where it is 1, 2 or 3 (m: the requantization mode). */
#define PQK_DWS_CHANNEL(m)                                                                                   \
    do {                                                                                                     \
        if (n == 1) {                                                                                        \
            pqk_dws_channel(plane, plane_w, params, output_dims, ch, 1, n, offset, weight, bias, &rq, m,     \
                            output + c);                                                                     \
        } else if (n == 2) {                                                                                 \
            pqk_dws_channel(plane, plane_w, params, output_dims, ch, 2, n, offset, weight, bias, &rq, m,     \
                            output + c);                                                                     \
        } else if (n == 3) {                                                                                 \
            pqk_dws_channel(plane, plane_w, params, output_dims, ch, 3, n, offset, weight, bias, &rq, m,     \
                            output + c);                                                                     \
        } else {                                                                                             \
            pqk_dws_channel(plane, plane_w, params, output_dims, ch, 0, n, offset, weight, bias, &rq, m,     \
                            output + c);                                                                     \
        }                                                                                                    \
    } while (0)

pqk_status pqk_depthwise_conv_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                        const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                        const int8_t *input, const pqk_dims *filter_dims,
                                        const pqk_sparse_table *filter, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t ch = input_dims->c;
    const int32_t in_w = input_dims->w;
    const int32_t taps_per_channel = filter_dims->h * filter_dims->w;
    uint16_t *row_nnz;
    void *index_buf;
    int8_t *weight_buf;
    const uint8_t *taps_k;
    const int8_t *taps_w;
    int8_t *plane;
    int32_t *offset;
    int32_t *weight;
    int32_t plane_h;
    int32_t plane_w;
    int32_t mode;
    int32_t c0;
    pqk_status status;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->n != 1 || filter_dims->h <= 0 || filter_dims->w <= 0 || filter_dims->c != ch
        || output_dims->c != ch || filter->rows != ch || filter->cols != taps_per_channel
        || filter->max_row_nnz > taps_per_channel || taps_per_channel > 256) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_depthwise_conv_sparse_s8_get_buffer_size(filter, params, input_dims, filter_dims,
                                                                        output_dims))) {
        return PQK_ERROR_SIZE;
    }
    pqk_sparse_layout(filter, ctx->buf, &row_nnz, &index_buf, &weight_buf);
    status = pqk_sparse_unpack(filter, weight_buf, index_buf, row_nnz);
    if (status != PQK_OK) {
        return status;
    }
    taps_k = (const uint8_t *)index_buf;
    taps_w = weight_buf;
    plane = (int8_t *)ctx->buf + pqk_sparse_entries_bytes(filter);
    pqk_dws_plane(params, input_dims, filter_dims, output_dims, &plane_h, &plane_w);
    offset = (int32_t *)(void *)(plane + 4 * plane_h * plane_w);
    weight = offset + (filter->max_row_nnz > 0 ? filter->max_row_nnz : 1);
    memset(plane, -params->input_offset, (size_t)(4 * plane_h * plane_w));
    mode = pqk_requant_mode(quant, ch, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }

    for (c0 = 0; c0 < ch; c0 += 4) {
        const int32_t group = ch - c0 < 4 ? ch - c0 : 4;
        int32_t y;
        int32_t c;
        /* copy the group's input planes into the padded plane, one word (four channels) per pixel */
        for (y = 0; y < input_dims->h; y++) {
            const int8_t *src = input + y * in_w * ch + c0;
            int8_t *dst = plane + 4 * ((y + params->padding.h) * plane_w + params->padding.w);
            int32_t x;
            if (group == 4) {
                for (x = 0; x < in_w; x++) {
                    pqk_write_u32(dst, pqk_read_u32(src));
                    src += ch;
                    dst += 4;
                }
            } else {
                for (x = 0; x < in_w; x++) {
                    memcpy(dst, src, (size_t)group);
                    src += ch;
                    dst += 4;
                }
            }
        }
        for (c = c0; c < c0 + group; c++) {
            const int32_t n = row_nnz[c];
            pqk_requant rq;
            int32_t bias = quant[c].bias;
            int32_t j;
            for (j = 0; j < n; j++) {
                const int32_t tap = taps_k[j];
                const int32_t ky = tap / filter_dims->w;
                const int32_t kx = tap - ky * filter_dims->w;
                weight[j] = taps_w[j];
                offset[j] = 4 * (ky * params->dilation.h * plane_w + kx * params->dilation.w) + (c - c0);
                bias += params->input_offset * weight[j];
            }
            taps_k += n;
            taps_w += n;
            rq = pqk_requant_of(&quant[c], params->output_offset, &params->activation);
            PQK_REQUANT_DISPATCH(mode, PQK_DWS_CHANNEL);
        }
    }
    return PQK_OK;
}
