/*
 * pqk_fully_connected_sparse_s8.c - int8 fully connected layer with PQKS1 sparse weights.
 *
 * Each output row is decoded once into (k, value) pairs and applied to the input; the input offset is
 * folded into one multiply by the row's weight sum. Results equal pqk_fully_connected_s8.
 * Scratch: int16_t k[capacity] then int8_t value[capacity] (3 bytes per weight).
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"

int32_t pqk_fully_connected_sparse_s8_get_buffer_size(int32_t max_row_nnz)
{
    const int32_t bytes = (max_row_nnz > 0 ? max_row_nnz : 0) * 3;
    return bytes < 4 ? 4 : (bytes + 3) & ~3;
}

pqk_status pqk_fully_connected_sparse_s8(const pqk_context *ctx, const pqk_fc_params *params,
                                         const pqk_per_channel_quant *quant,
                                         const pqk_dims *input_dims, const int8_t *input,
                                         const pqk_dims *filter_dims, const pqk_sparse_table *filter,
                                         const int32_t *bias, const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_n = input_dims->h * input_dims->w * input_dims->c;
    const int32_t out_n = output_dims->h * output_dims->w * output_dims->c;
    const int32_t capacity = filter->max_row_nnz;
    pqk_sparse_reader reader;
    pqk_status status;
    int16_t *k_index;
    int8_t *value;
    int32_t co;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_activation_ok(&params->activation)
        || params->input_offset < -127 || params->input_offset > 128
        || params->output_offset < -128 || params->output_offset > 127
        || filter_dims->c != in_n || filter_dims->n != out_n || filter->rows != out_n || filter->cols != in_n) {
        return PQK_ERROR_ARGUMENT;
    }
    if (ctx == 0 || ctx->buf == 0 || capacity < 0
        || ctx->size < pqk_fully_connected_sparse_s8_get_buffer_size(capacity)) {
        return PQK_ERROR_SIZE;
    }
    k_index = (int16_t *)ctx->buf;
    value = (int8_t *)ctx->buf + 2 * capacity;
    status = pqk_sparse_reader_init(&reader, filter);
    if (status != PQK_OK) {
        return status;
    }

    for (co = 0; co < out_n; co++) {
        int32_t n;
        int32_t j;
        int32_t row_sum = 0;
        int32_t acc = bias[co];
        status = pqk_sparse_decode_row(&reader, k_index, value, capacity, &n);
        if (status != PQK_OK) {
            return status;
        }
        for (j = 0; j < n; j++) {
            acc += (int32_t)value[j] * (int32_t)input[k_index[j]];
            row_sum += value[j];
        }
        acc += params->input_offset * row_sum;
        output[co] = pqk_output_s8(acc, quant->multiplier[co], quant->shift[co], params->output_offset,
                                   &params->activation);
    }
    return PQK_OK;
}
