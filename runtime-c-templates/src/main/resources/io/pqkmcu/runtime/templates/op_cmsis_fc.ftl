<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- A dense fully connected layer run by ARM CMSIS-NN (arm_fully_connected_per_channel_s8, v7 API). -->
<#macro params layer>
static const cmsis_nn_fc_params ${layer.sym}_params = {
    ${layer.inputOffset}, 0, ${layer.outputOffset}, /* input offset, filter offset, output offset */
    {${layer.actMin}, ${layer.actMax}} /* activation */
};
static const cmsis_nn_per_channel_quant_params ${layer.sym}_quant = {
    (int32_t *)${layer.quant}_multiplier, (int32_t *)${layer.quant}_shift};
static const cmsis_nn_dims ${layer.sym}_input_dims = {${layer.in.n}, ${layer.in.h}, ${layer.in.w}, ${layer.in.c}};
static const cmsis_nn_dims ${layer.sym}_filter_dims = {${layer.filter.c}, 1, 1, ${layer.filter.n}}; /* {accumulation depth, -, -, outputs} */
static const cmsis_nn_dims ${layer.sym}_bias_dims = {1, 1, 1, ${layer.out.c}};
static const cmsis_nn_dims ${layer.sym}_output_dims = {1, 1, 1, ${layer.filter.n}};
</#macro>
<#macro call layer>
    {
        cmsis_nn_context ctx;
        ctx.buf = arena + ${layer.scratchArena};
        ctx.size = ${layer.scratchBytes};
        if (arm_fully_connected_s8_get_buffer_size(&${layer.sym}_filter_dims) > 0) {
            /* MVE cores take the kernel sums (bias + input offset * row sums) precomputed */
            arm_vector_sum_s8((int32_t *)ctx.buf, ${layer.filter.c}, ${layer.filter.n}, ${layer.weights},
                ${layer.inputOffset}, 0, ${layer.quant}_bias);
        }
        status = arm_fully_connected_per_channel_s8(&ctx, &${layer.sym}_params, &${layer.sym}_quant,
            &${layer.sym}_input_dims, arena + ${layer.inputArena}, &${layer.sym}_filter_dims, ${layer.weights},
            &${layer.sym}_bias_dims, ${layer.quant}_bias, &${layer.sym}_output_dims, arena + ${layer.outputArena})
            == ARM_CMSIS_NN_SUCCESS ? PQK_OK : PQK_ERROR_ARGUMENT;
    }
</#macro>
