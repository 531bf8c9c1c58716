<#-- @ftlvariable name="layer" type="io.pqkmcu.codegen.project.LayerView" -->
<#-- An element-wise ADD: static parameters, then the call. -->
<#macro params layer>
static const pqk_add_params ${layer.sym}_params = {
<#list layer.paramLines as line>
    ${line}
</#list>
};
</#macro>
<#macro call layer>
    status = ${layer.kernel}(&${layer.sym}_params, arena + ${layer.inputArena}, arena + ${layer.input2Arena},
        ${layer.rowSize}, arena + ${layer.outputArena});
</#macro>
