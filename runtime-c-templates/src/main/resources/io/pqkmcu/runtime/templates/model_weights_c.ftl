<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/*
 * model_weights.c - the constant weights of model '${project.model.name}': dense int8 arrays or PQKS1
 * sparse tables (per layer, see report.txt), and per-channel bias and requantization.
 */
#include <stdint.h>

#include "model_weights.h"
<#list project.weights as w>

<#if w.sparse>
<#include "weights_sparse.ftl">
<#else>
<#include "weights_dense.ftl">
</#if>
<#include "weights_channel.ftl">
</#list>
