/*
 * pqk_depthwise_conv_get_buffer_sizes.c - scratch of the dense depthwise kernels: none, or the ring of
 * output rows they keep while running in place.
 *
 * In place, output row y is computed into a ring slot and written over the shared buffer once no
 * later output row reads the input bytes it covers. After row oy is computed the kernel writes back
 * row oy - R + 1, so rows 0..oy-R+1 then cover (oy - R + 2) * W_OUT * C bytes; every later row reads
 * input rows from (oy + 1) * stride - padding on, so that many bytes must fit below them:
 * R >= oy + 2 - floor(max(0, (oy + 1) * stride - padding) * W_IN / W_OUT) for every oy < H_OUT - 1.
 */
#include "pqk_kernel_util.h"

int32_t pqk_depthwise_conv_in_place_rows(const pqk_conv_params *params, const pqk_dims *input_dims,
                                         const pqk_dims *filter_dims, const pqk_dims *output_dims)
{
    const int32_t in_row = input_dims->w * input_dims->c;
    const int32_t out_row = output_dims->w * output_dims->c;
    int32_t rows = 1;
    int32_t oy;
    (void)filter_dims;
    if (input_dims->c != output_dims->c || out_row <= 0 || in_row <= 0) {
        return 0;
    }
    for (oy = 0; oy + 1 < output_dims->h; oy++) {
        const int32_t first = (oy + 1) * params->stride.h - params->padding.h;
        const int32_t dead_bytes = (first > 0 ? first : 0) * in_row;
        const int32_t need = oy + 2 - dead_bytes / out_row;
        rows = need > rows ? need : rows;
    }
    return rows < output_dims->h ? rows : output_dims->h;
}

int32_t pqk_depthwise_conv_s8_get_buffer_size(const pqk_conv_params *params, const pqk_dims *input_dims,
                                              const pqk_dims *filter_dims, const pqk_dims *output_dims,
                                              int32_t in_place)
{
    if (!in_place) {
        return 0;
    }
    return pqk_depthwise_conv_in_place_rows(params, input_dims, filter_dims, output_dims) * output_dims->w
         * output_dims->c;
}
