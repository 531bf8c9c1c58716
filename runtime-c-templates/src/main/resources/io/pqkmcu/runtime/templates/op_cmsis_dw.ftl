<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- A dense depthwise convolution run by ARM CMSIS-NN (arm_depthwise_conv_wrapper_s8, v7 API). -->
<#macro params layer>
static const cmsis_nn_dw_conv_params ${layer.sym}_params = {
    ${layer.inputOffset}, ${layer.outputOffset}, 1, /* input offset, output offset, channel multiplier */
    {${layer.strideW}, ${layer.strideH}}, /* stride {w, h} */
    {${layer.padW}, ${layer.padH}}, /* padding {w, h} */
    {${layer.dilationW}, ${layer.dilationH}}, /* dilation {w, h} */
    {${layer.actMin}, ${layer.actMax}} /* activation */
};
static const cmsis_nn_per_channel_quant_params ${layer.sym}_quant = {
    (int32_t *)${layer.quant}_multiplier, (int32_t *)${layer.quant}_shift};
static const cmsis_nn_dims ${layer.sym}_input_dims = {${layer.in.n}, ${layer.in.h}, ${layer.in.w}, ${layer.in.c}};
static const cmsis_nn_dims ${layer.sym}_filter_dims = {${layer.filter.n}, ${layer.filter.h}, ${layer.filter.w}, ${layer.filter.c}};
static const cmsis_nn_dims ${layer.sym}_bias_dims = {1, 1, 1, ${layer.out.c}};
static const cmsis_nn_dims ${layer.sym}_output_dims = {${layer.out.n}, ${layer.out.h}, ${layer.out.w}, ${layer.out.c}};
</#macro>
<#macro call layer>
    {
        cmsis_nn_context ctx;
        ctx.buf = arena + ${layer.scratchArena};
        ctx.size = ${layer.scratchBytes};
        if (arm_depthwise_conv_wrapper_s8_get_buffer_size(&${layer.sym}_params, &${layer.sym}_input_dims,
                &${layer.sym}_filter_dims, &${layer.sym}_output_dims) > ctx.size) {
            return PQK_ERROR_SIZE;
        }
        status = arm_depthwise_conv_wrapper_s8(&ctx, &${layer.sym}_params, &${layer.sym}_quant,
            &${layer.sym}_input_dims, arena + ${layer.inputArena}, &${layer.sym}_filter_dims, ${layer.weights},
            &${layer.sym}_bias_dims, ${layer.quant}_bias, &${layer.sym}_output_dims, arena + ${layer.outputArena})
            == ARM_CMSIS_NN_SUCCESS ? PQK_OK : PQK_ERROR_ARGUMENT;
    }
</#macro>
