<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/*
 * model.h - the C API of model '${project.model.name}': sizes, quantization, labels, entry points.
 * Quantization: real = scale * (q - zero_point). The scales are documentation; inference is integer-only.
 */
#ifndef ${project.model.guard}
#define ${project.model.guard}

#include <stdint.h>

#include "pqk_common.h"

#define PQK_MODEL_NAME ${project.model.nameLiteral}
#define PQK_MODEL_CHECKSUM "${project.model.checksum}"

/* Input: [1, ${project.input.height}, ${project.input.width}, ${project.input.channels}] int8, NHWC. */
#define PQK_MODEL_INPUT_HEIGHT ${project.input.height}
#define PQK_MODEL_INPUT_WIDTH ${project.input.width}
#define PQK_MODEL_INPUT_CHANNELS ${project.input.channels}
#define PQK_MODEL_INPUT_SIZE ${project.input.size}
#define PQK_MODEL_INPUT_SCALE ${project.input.scale}
#define PQK_MODEL_INPUT_ZERO_POINT ${project.input.zeroPoint}

/* Output: ${project.output.size} int8 logits, one per label. */
#define PQK_MODEL_OUTPUT_SIZE ${project.output.size}
#define PQK_MODEL_OUTPUT_SCALE ${project.output.scale}
#define PQK_MODEL_OUTPUT_ZERO_POINT ${project.output.zeroPoint}

/* Bytes of the static arena holding activations and kernel scratch (see plan.txt). */
#define PQK_MODEL_ARENA_SIZE ${project.arenaSize}

/* Layers (kernel calls) the network runs, numbered from 0 as in report.txt. */
#define PQK_MODEL_LAYER_COUNT ${project.layers?size}

#if defined(PQK_PROFILE)
/* Profiling builds only: called before (end = 0) and after (end = 1) each layer; the application defines it. */
void pqk_profile_layer(int32_t layer, int32_t end);
#endif /* PQK_PROFILE */

#define PQK_MODEL_LABEL_COUNT ${project.labels?size}
extern const char *const pqk_model_labels[PQK_MODEL_LABEL_COUNT];

/* PQK_MODEL_ARENA_SIZE, for callers that only see the shared library. */
int32_t pqk_model_arena_size(void);

/* Runs the network on input[PQK_MODEL_INPUT_SIZE], writes output[PQK_MODEL_OUTPUT_SIZE]. Not reentrant:
   it uses the static arena. */
pqk_status pqk_model_invoke(const int8_t *input, int8_t *output);
<#if project.frontEnd.present>

/* Audio clip length the front end takes: ${project.frontEnd.audioSamples} int16 samples at ${project.frontEnd.sampleRate} Hz. */
#define PQK_MODEL_AUDIO_SAMPLES ${project.frontEnd.audioSamples}

/* Front end only: audio[PQK_MODEL_AUDIO_SAMPLES] -> features[PQK_MODEL_INPUT_SIZE], the int8 model input.
   Bit-exact with the trainer's Java front end. Not reentrant (its scratch is in the arena). */
pqk_status pqk_model_features(const int16_t *audio, int8_t *features);

/* Front end only, for streams: `frames` consecutive frames from audio (the first frame's first sample),
   features[frames * PQK_MODEL_FEATURES_PER_FRAME]. Not reentrant. */
#define PQK_MODEL_FRAMES ${project.input.height}
#define PQK_MODEL_FEATURES_PER_FRAME ${project.input.width}
pqk_status pqk_model_frames(const int16_t *audio, int32_t frames, int8_t *features);
<#if project.frontEnd.cmn>

/* The front end normalises each window (CMN), so a frame's int8 value depends on its window and
   pqk_model_frames refuses: a stream keeps Q10 frames (raw[frames * PQK_MODEL_FEATURES_PER_FRAME], never
   normalised) and turns each window's PQK_MODEL_FRAMES rows into the int8 input (raw is only read). */
#define PQK_MODEL_FRONTEND_CMN 1
pqk_status pqk_model_raw_frames(const int16_t *audio, int32_t frames, int32_t *raw);
pqk_status pqk_model_window_features(const int32_t *raw, int8_t *features);
</#if>

/* Front end + network: audio[PQK_MODEL_AUDIO_SAMPLES] -> logits[PQK_MODEL_OUTPUT_SIZE]. Not reentrant. */
pqk_status pqk_model_classify(const int16_t *audio, int8_t *logits);
</#if>

#endif /* ${project.model.guard} */
