<#-- @ftlvariable name="w" type="io.pqkmcu.codegen.project.WeightsView" -->
<#-- A layer's dense int8 weights. -->
/* ${w.name}: dense int8 weights, symmetric (zero point 0). Format: ${w.layout}. ${w.denseLength} bytes. */
const int8_t ${w.denseSym}[${w.denseLength}] = {
<#list w.denseLines as line>
    ${line}
</#list>
};
