<#-- @ftlvariable name="w" type="io.pqkmcu.codegen.project.WeightsView" -->
<#-- A layer's per-output-channel bias and requantization. -->
/* ${w.name}: per output channel {bias (int32 at input_scale * weight_scale[c]), Q31 multiplier,
   shift (positive = left), rounding (fast-path constant for output zero point ${w.outputZeroPoint})} [${w.channels}]. */
const pqk_channel_quant ${w.quantSym}[${w.channels}] = {
<#list w.quantLines as line>
    ${line}
</#list>
};
