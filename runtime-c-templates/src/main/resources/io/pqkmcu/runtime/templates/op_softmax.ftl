<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- A softmax over each pixel's channels: static parameters, then the call. -->
<#macro params layer>
static const pqk_softmax_params ${layer.sym}_params = {
<#list layer.paramLines as line>
    ${line}
</#list>
};
</#macro>
<#macro call layer>
    status = ${layer.kernel}(&${layer.sym}_params, arena + ${layer.inputArena}, ${layer.rows}, ${layer.rowSize},
        arena + ${layer.outputArena});
</#macro>
