<#-- @ftlvariable name="w" type="io.pqkmcu.codegen.project.WeightsView" -->
<#-- A layer's per-output-channel bias and requantization. -->
/* ${w.name}: bias [${w.channels}] int32 at scale input_scale * weight_scale[c]. */
const int32_t ${w.biasSym}[${w.channels}] = {
<#list w.biasLines as line>
    ${line}
</#list>
};
/* ${w.name}: requantization multiplier [${w.channels}], Q31 in [2^30, 2^31) (0 = output zero point only). */
const int32_t ${w.multiplierSym}[${w.channels}] = {
<#list w.multiplierLines as line>
    ${line}
</#list>
};
/* ${w.name}: requantization shift [${w.channels}], positive = left. */
const int32_t ${w.shiftSym}[${w.channels}] = {
<#list w.shiftLines as line>
    ${line}
</#list>
};
