/*
 * pqk_elementwise_add_s8.c - int8 element-wise add (TFLite / CMSIS-NN arm_elementwise_add_s8
 * arithmetic): each input is offset, shifted left by left_shift and rescaled to the common scale, the
 * two are summed and rescaled to the output. |input + offset| <= 255 and left_shift <= 20 (TFLite's
 * value), so the shifted values stay below 2^28, the rescaled ones are no larger (shift <= 0), and
 * their sum cannot overflow. Element i depends only on inputs i, so it may run in place.
 * Bit-exact with io.pqkmcu.trainer.interp.AddKernel.
 */
#include "pqk_kernel_util.h"

pqk_status pqk_elementwise_add_s8(const pqk_add_params *params, const int8_t *input1, const int8_t *input2,
                                  int32_t size, int8_t *output)
{
    const int32_t scale = (int32_t)(1u << (params->left_shift > 0 ? params->left_shift : 0));
    int32_t i;
    if (size < 0 || params->left_shift < 0 || params->left_shift > 20 || params->input1_shift > 0
        || params->input2_shift > 0 || params->input1_offset < -127 || params->input1_offset > 128
        || params->input2_offset < -127 || params->input2_offset > 128 || params->output_offset < -128
        || params->output_offset > 127 || !pqk_activation_ok(&params->activation)) {
        return PQK_ERROR_ARGUMENT;
    }
    for (i = 0; i < size; i++) {
        const int32_t a = ((int32_t)input1[i] + params->input1_offset) * scale;
        const int32_t b = ((int32_t)input2[i] + params->input2_offset) * scale;
        const int32_t sum = pqk_requantize(a, params->input1_multiplier, params->input1_shift)
                          + pqk_requantize(b, params->input2_multiplier, params->input2_shift);
        output[i] = (int8_t)pqk_requantize_to_range(sum, params->output_multiplier, params->output_shift,
                                                    params->output_offset, params->activation.min,
                                                    params->activation.max);
    }
    return PQK_OK;
}
