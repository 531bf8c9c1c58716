/*
 * pqk_convolve_sparse_s8.c - int8 convolution with PQKS1 sparse weights, NHWC.
 *
 * For each output channel: decode its weight row once, turn every weight's k index into (ky, kx) and
 * an input offset relative to the window origin, then apply the row to every output pixel. Interior
 * pixels need no bounds checks and fold the input offset into one multiply by the row's weight sum;
 * border pixels check each weight's tap against the clipped window. Results equal pqk_convolve_s8.
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"
#include "pqk_sparse_rows.h"

int32_t pqk_convolve_sparse_s8_get_buffer_size(int32_t max_row_nnz)
{
    return pqk_sparse_row_buffer_size(max_row_nnz);
}

pqk_status pqk_convolve_sparse_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                  const pqk_per_channel_quant *quant,
                                  const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const pqk_sparse_table *filter, const int32_t *bias,
                                  const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t in_c = input_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_c = output_dims->c;
    const int32_t input_offset = params->input_offset;
    pqk_sparse_reader reader;
    pqk_sparse_row row;
    pqk_status status;
    int32_t co;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || k_h <= 0 || k_w <= 0 || filter_dims->c != in_c || filter_dims->n != out_c
        || filter->rows != out_c || filter->cols != k_h * k_w * in_c) {
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

    for (co = 0; co < out_c; co++) {
        int32_t n;
        int32_t j;
        int32_t row_sum = 0;
        int32_t oy;
        status = pqk_sparse_decode_row(&reader, row.ky, row.value, row.capacity, &n);
        if (status != PQK_OK) {
            return status;
        }
        /* Once per row: k = (ky * KW + kx) * C_IN + ci  ->  ky, kx and the interior input offset. */
        for (j = 0; j < n; j++) {
            const int32_t k = row.ky[j];
            const int32_t tap = k / in_c;
            const int32_t ci = k - tap * in_c;
            const int32_t ky = tap / k_w;
            const int32_t kx = tap - ky * k_w;
            row.offset[j] = (ky * params->dilation.h * in_w + kx * params->dilation.w) * in_c + ci;
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
                const int32_t origin = (y0 * in_w + x0) * in_c; /* negative when the window starts in padding */
                int32_t kx_first;
                int32_t kx_end;
                int32_t acc = bias[co];
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
                output[(oy * output_dims->w + ox) * out_c + co] = pqk_output_s8(
                    acc, quant->multiplier[co], quant->shift[co], params->output_offset, &params->activation);
            }
        }
    }
    return PQK_OK;
}
