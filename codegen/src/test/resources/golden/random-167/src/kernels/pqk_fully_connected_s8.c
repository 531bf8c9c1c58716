/*
 * pqk_fully_connected_s8.c - int8 fully connected layer (vector x matrix, CMSIS-NN's
 * arm_nn_vec_mat_mult_t_s8 algorithm): two filter rows per pass share each input word, which is
 * unpacked to int16 with the offset added once for both (SXTAB16), four values per step.
 * Bit-exact with io.pqkmcu.trainer.interp.FullyConnectedKernel.
 */
#include "pqk_kernel_util.h"

/* Accumulates rows w0 and w1 against the input (acc[0], acc[1]). */
static void pqk_fc_2rows(const int8_t *input, const int8_t *w0, const int8_t *w1, int32_t n, int32_t offset,
                         int32_t *acc)
{
    int32_t a0 = acc[0];
    int32_t a1 = acc[1];
    int32_t i = 0;
#if defined(__ARM_FEATURE_DSP)
    const int32_t offset2 = pqk_dup16(offset);
    for (; i + 4 <= n; i += 4) {
        const int32_t x = (int32_t)pqk_read_u32(input + i);
        const int32_t x02 = __sxtab16(offset2, x);
        const int32_t x13 = pqk_sxtab16_ror8(offset2, x);
        const int32_t wa = (int32_t)pqk_read_u32(w0 + i);
        const int32_t wb = (int32_t)pqk_read_u32(w1 + i);
        a0 = __smlad(x02, __sxtb16(wa), a0);
        a0 = __smlad(x13, pqk_sxtb16_ror8(wa), a0);
        a1 = __smlad(x02, __sxtb16(wb), a1);
        a1 = __smlad(x13, pqk_sxtb16_ror8(wb), a1);
    }
#endif /* __ARM_FEATURE_DSP */
    for (; i < n; i++) {
        const int32_t x = (int32_t)input[i] + offset;
        a0 += x * w0[i];
        a1 += x * w1[i];
    }
    acc[0] = a0;
    acc[1] = a1;
}

pqk_status pqk_fully_connected_s8(const pqk_fc_params *params, const pqk_channel_quant *quant,
                                  const pqk_dims *input_dims, const int8_t *input,
                                  const pqk_dims *filter_dims, const int8_t *filter,
                                  const pqk_dims *output_dims, int8_t *output)
{
    const int32_t in_n = input_dims->h * input_dims->w * input_dims->c;
    const int32_t out_n = output_dims->h * output_dims->w * output_dims->c;
    int32_t mode;
    int32_t co;

    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_activation_ok(&params->activation)
        || !pqk_offsets_ok(params->input_offset, params->output_offset)
        || filter_dims->c != in_n || filter_dims->n != out_n) {
        return PQK_ERROR_ARGUMENT;
    }
    mode = pqk_requant_mode(quant, out_n, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }
    for (co = 0; co < out_n; co += 2) {
        const int32_t next = co + 1 < out_n ? co + 1 : co;
        int32_t acc[2];
        acc[0] = quant[co].bias;
        acc[1] = quant[next].bias;
        pqk_fc_2rows(input, filter + co * in_n, filter + next * in_n, in_n, params->input_offset, acc);
        output[co] = pqk_requant_output(acc[0], &quant[co], mode, params->output_offset, &params->activation);
        output[next] = pqk_requant_output(acc[1], &quant[next], mode, params->output_offset, &params->activation);
    }
    return PQK_OK;
}
