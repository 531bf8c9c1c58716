<#-- @ftlvariable name="w" type="io.pqkmcu.codegen.project.WeightsView" -->
<#-- A layer's PQKS1 sparse table: the bitstream and its per-layer constants (format: pqk_kernels.h). -->
/* ${w.name}: PQKS1 table of rows ${w.rowsLayout} (weights Format: ${w.layout}).
   ${w.nonZeros} non-zeros in ${w.entries} entries, gap bits ${w.gapBits}, value bits ${w.valueBits}, value base ${w.valueBase};
   ${w.streamBytes} bytes = ${w.bytesPerNonZero} bytes per non-zero (dense: ${w.denseLength} bytes). */
static const uint8_t ${w.streamSym}[${w.streamArrayLength}] = {
<#list w.streamLines as line>
    ${line}
</#list>
};
const pqk_sparse_table ${w.tableSym} = {
    ${w.streamSym}, ${w.streamBytes}, /* stream, stream bytes */
    ${w.entries}, ${w.nonZeros}, /* entries, non-zeros */
    ${w.rows}, ${w.cols}, ${w.maxRowNonZeros}, /* rows R, row length K, most non-zeros in a row */
    ${w.gapBits}, ${w.valueBits}, ${w.valueBase} /* gap bits g, value bits v, value base b */
};
