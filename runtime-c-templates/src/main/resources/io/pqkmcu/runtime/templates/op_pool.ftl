<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- An average or max pooling layer: static parameters, then the call. -->
<#macro params layer>
static const pqk_pool_params ${layer.sym}_params = {
    {${layer.strideH}, ${layer.strideW}}, /* stride */
    {${layer.padH}, ${layer.padW}}, /* padding before */
    {${layer.actMin}, ${layer.actMax}} /* activation */
};
static const pqk_dims ${layer.sym}_input_dims = {${layer.in.n}, ${layer.in.h}, ${layer.in.w}, ${layer.in.c}};
static const pqk_dims ${layer.sym}_pool_dims = {${layer.filter.n}, ${layer.filter.h}, ${layer.filter.w}, ${layer.filter.c}};
static const pqk_dims ${layer.sym}_output_dims = {${layer.out.n}, ${layer.out.h}, ${layer.out.w}, ${layer.out.c}};
</#macro>
<#macro call layer>
    status = ${layer.kernel}(&${layer.sym}_params, &${layer.sym}_input_dims, arena + ${layer.inputArena},
        &${layer.sym}_pool_dims, &${layer.sym}_output_dims, arena + ${layer.outputArena});
</#macro>
