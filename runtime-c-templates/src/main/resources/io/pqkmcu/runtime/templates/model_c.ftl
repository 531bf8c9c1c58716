<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#import "op_conv.ftl" as conv>
<#import "op_fc.ftl" as fc>
<#import "op_pool.ftl" as pool>
<#import "op_add.ftl" as add>
<#import "op_softmax.ftl" as softmax>
<#import "op_cmsis_conv.ftl" as cmsis_conv>
<#import "op_cmsis_dw.ftl" as cmsis_dw>
<#import "op_cmsis_fc.ftl" as cmsis_fc>
<#assign ops = {"conv": conv, "fc": fc, "pool": pool, "add": add, "softmax": softmax, "cmsis_conv": cmsis_conv,
    "cmsis_dw": cmsis_dw, "cmsis_fc": cmsis_fc}>
<#include "c_file_header.ftl">
/*
 * model.c - the op sequence of model '${project.model.name}' over one static arena.
 * Arena: ${project.arenaSize} bytes; every tensor and kernel scratch sits at the offset the memory
 * planner chose (plan.txt). Layer formats and their reasons: report.txt.
 */
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "model_weights.h"
#include "pqk_kernels.h"
<#if project.build.cmsisNn>
#include "arm_nnfunctions.h"
</#if>
<#if project.frontEnd.present>
#include "pqk_frontend.h"
</#if>

/* The arena. The union keeps it 8-byte aligned on any compiler (kernel scratch must be: its int16
   blocks are read with LDRD); GCC and Clang align it to 16 bytes, the planner's offset alignment. */
#if defined(__GNUC__)
#define PQK_ARENA_ALIGN __attribute__((aligned(16)))
#else
#define PQK_ARENA_ALIGN
#endif
static union {
    int64_t align;
    int8_t bytes[PQK_MODEL_ARENA_SIZE];
} ${project.model.sym}_arena PQK_ARENA_ALIGN;

const char *const pqk_model_labels[PQK_MODEL_LABEL_COUNT] = {
<#list project.labels as label>
    ${label},
</#list>
};
<#list project.layers as layer>

/* ${layer.index}: ${layer.summary} */
<@ops[layer.family].params layer/>
</#list>

/*
 * Profiling hook around each layer call. A build with -DPQK_PROFILE (make firmware PROFILE=1) calls
 * pqk_profile_layer(i, 0) before and pqk_profile_layer(i, 1) after layer i, and the profiling firmware
 * counts instructions per layer with it. Without PQK_PROFILE the hook compiles to nothing, so normal
 * builds run exactly the same model code.
 */
#if defined(PQK_PROFILE)
#define PQK_PROFILE_LAYER(layer, end) pqk_profile_layer((layer), (end))
#else
#define PQK_PROFILE_LAYER(layer, end) ((void)0)
#endif /* PQK_PROFILE */

/* Runs every layer on the arena; the input tensor must already be at offset ${project.input.arenaOffset}. */
static pqk_status ${project.model.sym}_run_layers(int8_t *arena)
{
    pqk_status status;
<#list project.layers as layer>

    /* ${layer.index}: ${layer.name} */
    PQK_PROFILE_LAYER(${layer.index}, 0);
<@ops[layer.family].call layer/>
    PQK_PROFILE_LAYER(${layer.index}, 1);
    if (status != PQK_OK) {
        return status;
    }
</#list>
    return PQK_OK;
}

int32_t pqk_model_arena_size(void)
{
    return PQK_MODEL_ARENA_SIZE;
}

pqk_status pqk_model_invoke(const int8_t *input, int8_t *output)
{
    int8_t *const arena = ${project.model.sym}_arena.bytes;
    pqk_status status;
    memcpy(arena + ${project.input.arenaOffset}, input, PQK_MODEL_INPUT_SIZE);
    status = ${project.model.sym}_run_layers(arena);
    if (status != PQK_OK) {
        return status;
    }
    memcpy(output, arena + ${project.output.arenaOffset}, PQK_MODEL_OUTPUT_SIZE);
    return PQK_OK;
}
<#if project.frontEnd.present>
<#include "model_classify.ftl">
</#if>
