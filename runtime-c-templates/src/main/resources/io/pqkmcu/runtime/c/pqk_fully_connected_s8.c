/*
 * pqk_fully_connected_s8.c - int8 fully connected layer with per-channel requantization.
 * Bit-exact with io.pqkmcu.trainer.interp.FullyConnectedKernel.
 */
#include "pqk_kernels.h"
#include "pqk_kernel_util.h"

pqk_status pqk_fully_connected_s8(const pqk_fc_params *params, const pqk_per_channel_quant *quant,
                                  const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                  const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_n = input_dims->h * input_dims->w * input_dims->c;
    const int32_t out_n = output_dims->h * output_dims->w * output_dims->c;
    const int32_t input_offset = params->input_offset;
    int32_t co;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_activation_ok(&params->activation)
        || params->input_offset < -127 || params->input_offset > 128
        || params->output_offset < -128 || params->output_offset > 127
        || filter_dims->c != in_n || filter_dims->n != out_n) {
        return PQK_ERROR_ARGUMENT;
    }

    for (co = 0; co < out_n; co++) {
        const int8_t *const row = filter + co * in_n;
        int32_t acc = bias[co];
        int32_t i;
        for (i = 0; i < in_n; i++) {
            acc += ((int32_t)input[i] + input_offset) * (int32_t)row[i];
        }
        output[co] = pqk_output_s8(acc, quant->multiplier[co], quant->shift[co], params->output_offset,
                                   &params->activation);
    }
    return PQK_OK;
}
