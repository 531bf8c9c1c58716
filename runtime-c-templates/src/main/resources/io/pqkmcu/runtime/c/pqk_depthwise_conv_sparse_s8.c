/*
 * pqk_depthwise_conv_sparse_s8.c - int8 depthwise convolution (multiplier 1) with PQKS1 sparse weights.
 *
 * The [1, KH, KW, C] weights are stored transposed as rows [C][KH*KW]. For each channel: decode its
 * row once, precompute (ky, kx) and input offsets, then apply it to every output pixel (interior
 * pixels without bounds checks, border pixels per-tap checked). Results equal pqk_depthwise_conv_s8.
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"
#include "pqk_sparse_rows.h"

int32_t pqk_depthwise_conv_sparse_s8_get_buffer_size(int32_t max_row_nnz)
{
    return pqk_sparse_row_buffer_size(max_row_nnz);
}

pqk_status pqk_depthwise_conv_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                        const pqk_per_channel_quant *quant,
                                        const pqk_dims *input_dims, const int8_t *input,
                                        const pqk_dims *filter_dims, const pqk_sparse_table *filter,
                                        const int32_t *bias, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t ch = input_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t input_offset = params->input_offset;
    pqk_sparse_reader reader;
    pqk_sparse_row row;
    pqk_status status;
    int32_t c;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->n != 1 || k_h <= 0 || k_w <= 0 || filter_dims->c != ch || output_dims->c != ch
        || filter->rows != ch || filter->cols != k_h * k_w) {
        return PQK_ERROR_ARGUMENT;
    }
    status = pqk_sparse_row_init(&row, ctx, filter->max_row_nnz);
    if (status != PQK_OK) {
        return status;
    }
    status = pqk_sparse_reader_init(&reader, filter);
    if (status != PQK_OK) {
        return status;
    }

    for (c = 0; c < ch; c++) {
        int32_t n;
        int32_t j;
        int32_t row_sum = 0;
        int32_t oy;
        status = pqk_sparse_decode_row(&reader, row.ky, row.value, row.capacity, &n);
        if (status != PQK_OK) {
            return status;
        }
        /* Once per row: k = ky * KW + kx  ->  ky, kx and the interior input offset. */
        for (j = 0; j < n; j++) {
            const int32_t k = row.ky[j];
            const int32_t ky = k / k_w;
            const int32_t kx = k - ky * k_w;
            row.offset[j] = (ky * params->dilation.h * in_w + kx * params->dilation.w) * ch;
            row.ky[j] = (int16_t)ky;
            row.kx[j] = (int16_t)kx;
            row_sum += row.value[j];
        }
        for (oy = 0; oy < output_dims->h; oy++) {
            const int32_t y0 = oy * params->stride.h - params->padding.h;
            int32_t ky_first;
            int32_t ky_end;
            int32_t ox;
            pqk_window_range(y0, in_h, k_h, params->dilation.h, &ky_first, &ky_end);
            for (ox = 0; ox < output_dims->w; ox++) {
                const int32_t x0 = ox * params->stride.w - params->padding.w;
                const int32_t origin = (y0 * in_w + x0) * ch + c; /* negative when the window starts in padding */
                int32_t kx_first;
                int32_t kx_end;
                int32_t acc = bias[c];
                pqk_window_range(x0, in_w, k_w, params->dilation.w, &kx_first, &kx_end);
                if (ky_first == 0 && ky_end == k_h && kx_first == 0 && kx_end == k_w) {
                    const int8_t *const window = input + origin;
                    acc += input_offset * row_sum;
                    for (j = 0; j < n; j++) {
                        acc += (int32_t)row.value[j] * (int32_t)window[row.offset[j]];
                    }
                } else {
                    for (j = 0; j < n; j++) {
                        const int32_t ky = row.ky[j];
                        const int32_t kx = row.kx[j];
                        if (ky >= ky_first && ky < ky_end && kx >= kx_first && kx < kx_end) {
                            acc += (int32_t)row.value[j] * ((int32_t)input[origin + row.offset[j]] + input_offset);
                        }
                    }
                }
                output[(oy * output_dims->w + ox) * ch + c] = pqk_output_s8(
                    acc, quant->multiplier[c], quant->shift[c], params->output_offset, &params->activation);
            }
        }
    }
    return PQK_OK;
}
