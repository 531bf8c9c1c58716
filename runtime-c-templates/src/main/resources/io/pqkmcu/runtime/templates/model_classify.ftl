<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#-- The front end + network entry point, for models that carry an audio front end. -->

/* Front-end scratch: ${project.frontEnd.scratchBytes} bytes of the arena at offset ${project.frontEnd.scratchOffset},
   shared with tensors that are not alive while the front end runs. */
#define ${project.model.symUpper}_FRONTEND_SCRATCH_SIZE ${project.frontEnd.scratchBytes}

extern const pqk_frontend_config ${project.frontEnd.configSymbol};

pqk_status pqk_model_features(const int16_t *audio, int8_t *features)
{
    int8_t *const arena = ${project.model.sym}_arena.bytes;
    if (pqk_frontend_scratch_size(&${project.frontEnd.configSymbol}) > ${project.model.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    return pqk_frontend_run(&${project.frontEnd.configSymbol}, audio, features,
                            (int32_t *)(void *)(arena + ${project.frontEnd.scratchOffset}));
}

pqk_status pqk_model_frames(const int16_t *audio, int32_t frames, int8_t *features)
{
    int8_t *const arena = ${project.model.sym}_arena.bytes;
    if (pqk_frontend_scratch_size(&${project.frontEnd.configSymbol}) > ${project.model.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    return pqk_frontend_run_frames(&${project.frontEnd.configSymbol}, audio, frames, features,
                                   (int32_t *)(void *)(arena + ${project.frontEnd.scratchOffset}));
}

<#if project.frontEnd.cmn>
pqk_status pqk_model_raw_frames(const int16_t *audio, int32_t frames, int32_t *raw)
{
    int8_t *const arena = ${project.model.sym}_arena.bytes;
    if (pqk_frontend_scratch_size(&${project.frontEnd.configSymbol}) > ${project.model.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    return pqk_frontend_raw_frames(&${project.frontEnd.configSymbol}, audio, frames, raw,
                                   (int32_t *)(void *)(arena + ${project.frontEnd.scratchOffset}));
}

pqk_status pqk_model_window_features(const int32_t *raw, int8_t *features)
{
    return pqk_frontend_normalize_quantize(&${project.frontEnd.configSymbol}, raw, features);
}

</#if>
pqk_status pqk_model_classify(const int16_t *audio, int8_t *logits)
{
    int8_t *const arena = ${project.model.sym}_arena.bytes;
    pqk_status status;
    if (pqk_frontend_scratch_size(&${project.frontEnd.configSymbol}) > ${project.model.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    status = pqk_frontend_run(&${project.frontEnd.configSymbol}, audio, arena + ${project.input.arenaOffset},
                              (int32_t *)(void *)(arena + ${project.frontEnd.scratchOffset}));
    if (status != PQK_OK) {
        return status;
    }
    status = ${project.model.sym}_run_layers(arena);
    if (status != PQK_OK) {
        return status;
    }
    memcpy(logits, arena + ${project.output.arenaOffset}, PQK_MODEL_OUTPUT_SIZE);
    return PQK_OK;
}
