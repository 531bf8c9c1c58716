<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- A convolution or depthwise convolution layer (dense or sparse): static parameters, then the call. -->
<#macro params layer>
static const pqk_conv_params ${layer.sym}_params = {
    ${layer.inputOffset}, ${layer.outputOffset}, /* input offset, output offset */
    {${layer.strideH}, ${layer.strideW}}, /* stride */
    {${layer.padH}, ${layer.padW}}, /* padding before */
    {${layer.dilationH}, ${layer.dilationW}}, /* dilation */
    {${layer.actMin}, ${layer.actMax}} /* activation */
};
static const pqk_dims ${layer.sym}_input_dims = {${layer.in.n}, ${layer.in.h}, ${layer.in.w}, ${layer.in.c}};
static const pqk_dims ${layer.sym}_filter_dims = {${layer.filter.n}, ${layer.filter.h}, ${layer.filter.w}, ${layer.filter.c}};
static const pqk_dims ${layer.sym}_output_dims = {${layer.out.n}, ${layer.out.h}, ${layer.out.w}, ${layer.out.c}};
</#macro>
<#macro call layer>
    {
        const pqk_context ctx = {<#if layer.scratchBytes gt 0>arena + ${layer.scratchArena}, ${layer.scratchBytes}<#else>0, 0</#if>};
        status = ${layer.kernel}(&ctx, &${layer.sym}_params, ${layer.quant},
            &${layer.sym}_input_dims, arena + ${layer.inputArena},
            &${layer.sym}_filter_dims, ${layer.weights},
            &${layer.sym}_output_dims, arena + ${layer.outputArena});
    }
</#macro>
