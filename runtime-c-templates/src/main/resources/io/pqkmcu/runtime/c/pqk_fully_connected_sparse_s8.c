/*
 * pqk_fully_connected_sparse_s8.c - int8 fully connected layer with PQKS1 sparse weights. The table
 * is decoded once into weight and input-index arrays; each row then sums weight * input over its
 * non-zeros and adds input_offset * (sum of its weights) instead of offsetting every input.
 * Results equal pqk_fully_connected_s8's.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

int32_t pqk_fully_connected_sparse_s8_get_buffer_size(const pqk_sparse_table *filter)
{
    return pqk_sparse_entries_bytes(filter);
}

pqk_status pqk_fully_connected_sparse_s8(const pqk_context *ctx, const pqk_fc_params *params,
                                         const pqk_channel_quant *quant, const pqk_dims *input_dims,
                                         const int8_t *input, const pqk_dims *filter_dims,
                                         const pqk_sparse_table *filter, const pqk_dims *output_dims,
                                         int8_t *output)
{
    const int32_t in_n = input_dims->h * input_dims->w * input_dims->c;
    const int32_t out_n = output_dims->h * output_dims->w * output_dims->c;
    uint16_t *row_nnz;
    void *index;
    int8_t *weights;
    const uint8_t *k8;
    const uint16_t *k16;
    int32_t mode;
    int32_t co;
    pqk_status status;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_activation_ok(&params->activation)
        || !pqk_offsets_ok(params->input_offset, params->output_offset)
        || filter_dims->c != in_n || filter_dims->n != out_n || filter->rows != out_n || filter->cols != in_n) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_fully_connected_sparse_s8_get_buffer_size(filter))) {
        return PQK_ERROR_SIZE;
    }
    pqk_sparse_layout(filter, ctx->buf, &row_nnz, &index, &weights);
    status = pqk_sparse_unpack(filter, weights, index, row_nnz);
    if (status != PQK_OK) {
        return status;
    }
    mode = pqk_requant_mode(quant, out_n, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }
    k8 = (const uint8_t *)index;
    k16 = (const uint16_t *)index;
    for (co = 0; co < out_n; co++) {
        const int8_t *const end = weights + row_nnz[co];
        int32_t acc = quant[co].bias;
        int32_t weight_sum = 0;
        if (pqk_sparse_index_bytes(filter) == 2) {
            for (; weights != end; weights++) {
                acc += *weights * input[*k16++];
                weight_sum += *weights;
            }
        } else {
            for (; weights != end; weights++) {
                acc += *weights * input[*k8++];
                weight_sum += *weights;
            }
        }
        output[co] = pqk_requant_output(acc + params->input_offset * weight_sum, &quant[co], mode,
                                        params->output_offset, &params->activation);
    }
    return PQK_OK;
}
