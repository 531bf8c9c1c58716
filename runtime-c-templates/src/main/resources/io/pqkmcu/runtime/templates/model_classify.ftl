<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#-- The front end + network entry point, for models that carry an audio front end. -->

/* Front-end scratch: ${project.frontEndScratchBytes} bytes of the arena at offset ${project.frontEndScratchArena},
   shared with tensors that are not alive while the front end runs. */
#define ${project.symUpper}_FRONTEND_SCRATCH_SIZE ${project.frontEndScratchBytes}

extern const pqk_frontend_config ${project.frontEndConfigSymbol};

pqk_status pqk_model_features(const int16_t *audio, int8_t *features)
{
    int8_t *const arena = ${project.sym}_arena.bytes;
    if (pqk_frontend_scratch_size(&${project.frontEndConfigSymbol}) > ${project.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    return pqk_frontend_run(&${project.frontEndConfigSymbol}, audio, features,
                            (int32_t *)(void *)(arena + ${project.frontEndScratchArena}));
}

pqk_status pqk_model_frames(const int16_t *audio, int32_t frames, int8_t *features)
{
    int8_t *const arena = ${project.sym}_arena.bytes;
    if (pqk_frontend_scratch_size(&${project.frontEndConfigSymbol}) > ${project.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    return pqk_frontend_run_frames(&${project.frontEndConfigSymbol}, audio, frames, features,
                                   (int32_t *)(void *)(arena + ${project.frontEndScratchArena}));
}

<#if project.frontEndCmn>
pqk_status pqk_model_raw_frames(const int16_t *audio, int32_t frames, int32_t *raw)
{
    int8_t *const arena = ${project.sym}_arena.bytes;
    if (pqk_frontend_scratch_size(&${project.frontEndConfigSymbol}) > ${project.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    return pqk_frontend_raw_frames(&${project.frontEndConfigSymbol}, audio, frames, raw,
                                   (int32_t *)(void *)(arena + ${project.frontEndScratchArena}));
}

pqk_status pqk_model_window_features(const int32_t *raw, int8_t *features)
{
    return pqk_frontend_normalize_quantize(&${project.frontEndConfigSymbol}, raw, features);
}

</#if>
pqk_status pqk_model_classify(const int16_t *audio, int8_t *logits)
{
    int8_t *const arena = ${project.sym}_arena.bytes;
    pqk_status status;
    if (pqk_frontend_scratch_size(&${project.frontEndConfigSymbol}) > ${project.symUpper}_FRONTEND_SCRATCH_SIZE) {
        return PQK_ERROR_SIZE;
    }
    status = pqk_frontend_run(&${project.frontEndConfigSymbol}, audio, arena + ${project.inputArena},
                              (int32_t *)(void *)(arena + ${project.frontEndScratchArena}));
    if (status != PQK_OK) {
        return status;
    }
    status = ${project.sym}_run_layers(arena);
    if (status != PQK_OK) {
        return status;
    }
    memcpy(logits, arena + ${project.outputArena}, PQK_MODEL_OUTPUT_SIZE);
    return PQK_OK;
}
