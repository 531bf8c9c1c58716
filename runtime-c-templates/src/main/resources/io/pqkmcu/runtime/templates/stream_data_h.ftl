<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#-- @ftlvariable name="stream" type="io.pqkmcu.codegen.stream.StreamView" -->
<#include "c_file_header.ftl">
/*
 * stream_data.h - the stream firmware's settings, its integer softmax table, and the blobs in flash
 * (stream_data.S): the audio stream, the Java twin's logits for every window and its detections. Counts
 * come from the blob sizes.
 */
#ifndef ${project.model.guard}_STREAM_DATA
#define ${project.model.guard}_STREAM_DATA

#include <stdint.h>

#include "model.h"

/* Detector settings (io.pqkmcu.codegen.stream.StreamConfig). */
#define PQK_STREAM_SAMPLE_RATE ${stream.sampleRate}
#define PQK_STREAM_WINDOW_SAMPLES ${stream.windowSamples}
#define PQK_STREAM_HOP_SAMPLES ${stream.hopSamples} /* ${stream.hopMs} ms */
#define PQK_STREAM_SMOOTHING ${stream.smoothingWindows} /* windows averaged */
#define PQK_STREAM_THRESHOLD_Q15 ${stream.thresholdQ15} /* ${stream.threshold} */
#define PQK_STREAM_REFRACTORY ${stream.refractoryWindows} /* windows after a detection before the next may come */

/* Frame reuse (io.pqkmcu.codegen.stream.FrameReuse): window k's frames start at k * hop + j * stride; they lie
   on PQK_STREAM_PHASES interleaved grids, each with a ring of features, and a window computes only the frames
   its grid lacks (${stream.framesPerWindow} of ${project.input.height} once warm). 0: every window computes all its frames. */
#define PQK_STREAM_FRAME_STRIDE ${stream.strideSamples}
#define PQK_STREAM_PHASES ${stream.phases}

/* exp(-s * d) in Q15 for logit differences d = 0..255, s = the output scale (PosteriorTable). */
static const int32_t pqk_stream_exp_q15[256] = {
<#list stream.expQ15?chunk(12) as row>
    <#list row as v>${v?c}<#sep>, </#sep></#list><#sep>,</#sep>
</#list>
};

/* 1 for the classes that may be detected (keywords), 0 for _silence_, _unknown_ and other '_' labels. */
static const uint8_t pqk_stream_keyword[PQK_MODEL_OUTPUT_SIZE] = {<#list stream.keywordMask as k>${k}<#sep>, </#sep></#list>};

extern const int16_t pqk_stream_audio[];             /* [samples], little-endian int16 */
extern const int16_t pqk_stream_audio_end[];
extern const int8_t pqk_stream_expected[];           /* [windows][PQK_MODEL_OUTPUT_SIZE] */
extern const int8_t pqk_stream_expected_end[];
extern const int32_t pqk_stream_detections[];        /* [detections][3]: window, label, score (Q15) */
extern const int32_t pqk_stream_detections_end[];

static inline int32_t pqk_stream_samples(void)
{
    return (int32_t)(pqk_stream_audio_end - pqk_stream_audio);
}

static inline int32_t pqk_stream_expected_windows(void)
{
    return (int32_t)((pqk_stream_expected_end - pqk_stream_expected) / PQK_MODEL_OUTPUT_SIZE);
}

static inline int32_t pqk_stream_expected_detections(void)
{
    return (int32_t)((pqk_stream_detections_end - pqk_stream_detections) / 3);
}

#endif /* ${project.model.guard}_STREAM_DATA */
