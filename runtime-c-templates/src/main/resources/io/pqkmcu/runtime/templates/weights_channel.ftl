<#-- @ftlvariable name="w" type="io.pqkmcu.codegen.project.WeightsView" -->
<#-- A layer's per-output-channel bias and requantization. -->
<#if w.cmsis>
/* ${w.name}: bias [${w.channels}] int32 at scale input_scale * weight_scale[c] (CMSIS-NN arrays). */
const int32_t ${w.prefix}_bias[${w.channels}] = {
<#list w.biasLines as line>
    ${line}
</#list>
};
/* ${w.name}: requantization multiplier [${w.channels}], Q31 in [2^30, 2^31) (0 = output zero point only). */
const int32_t ${w.prefix}_multiplier[${w.channels}] = {
<#list w.multiplierLines as line>
    ${line}
</#list>
};
/* ${w.name}: requantization shift [${w.channels}], positive = left. */
const int32_t ${w.prefix}_shift[${w.channels}] = {
<#list w.shiftLines as line>
    ${line}
</#list>
};
<#else>
/* ${w.name}: per output channel {bias (int32 at input_scale * weight_scale[c]), Q31 multiplier,
   shift (positive = left)} [${w.channels}]. */
const pqk_channel_quant ${w.quantSym}[${w.channels}] = {
<#list w.quantLines as line>
    ${line}
</#list>
};
</#if>
