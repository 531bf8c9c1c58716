<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- A fully connected layer (dense or sparse): static parameters, then the call. -->
<#macro params layer>
static const pqk_fc_params ${layer.sym}_params = {
    ${layer.inputOffset}, ${layer.outputOffset}, /* input offset, output offset */
    {${layer.actMin}, ${layer.actMax}} /* activation */
};
static const pqk_dims ${layer.sym}_input_dims = {${layer.in.n}, ${layer.in.h}, ${layer.in.w}, ${layer.in.c}};
static const pqk_dims ${layer.sym}_filter_dims = {${layer.filter.n}, ${layer.filter.h}, ${layer.filter.w}, ${layer.filter.c}};
static const pqk_dims ${layer.sym}_output_dims = {${layer.out.n}, ${layer.out.h}, ${layer.out.w}, ${layer.out.c}};
</#macro>
<#macro call layer>
<#if layer.hasContext>
    {
        const pqk_context ctx = {arena + ${layer.scratchArena}, ${layer.scratchBytes}};
        status = ${layer.kernel}(&ctx, &${layer.sym}_params, ${layer.quant},
            &${layer.sym}_input_dims, arena + ${layer.inputArena},
            &${layer.sym}_filter_dims, ${layer.weights},
            &${layer.sym}_output_dims, arena + ${layer.outputArena});
    }
<#else>
    status = ${layer.kernel}(&${layer.sym}_params, ${layer.quant},
        &${layer.sym}_input_dims, arena + ${layer.inputArena},
        &${layer.sym}_filter_dims, ${layer.weights},
        &${layer.sym}_output_dims, arena + ${layer.outputArena});
</#if>
</#macro>
