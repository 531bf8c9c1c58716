<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/* model_weights.h - declarations of the constant weights of model '${project.model.name}' (model_weights.c). */
#ifndef ${project.model.guard}_WEIGHTS
#define ${project.model.guard}_WEIGHTS

#include <stdint.h>

#include "pqk_kernels.h"
<#list project.weights as w>

/* ${w.name} */
<#if w.sparse>
extern const pqk_sparse_table ${w.tableSym};
<#else>
extern const int8_t ${w.denseSym}[${w.denseLength}];
</#if>
<#if w.cmsis>
extern const int32_t ${w.prefix}_bias[${w.channels}];
extern const int32_t ${w.prefix}_multiplier[${w.channels}];
extern const int32_t ${w.prefix}_shift[${w.channels}];
<#else>
extern const pqk_channel_quant ${w.quantSym}[${w.channels}];
</#if>
</#list>

#endif /* ${project.model.guard}_WEIGHTS */
