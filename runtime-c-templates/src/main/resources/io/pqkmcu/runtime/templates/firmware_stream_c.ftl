<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#-- @ftlvariable name="stream" type="io.pqkmcu.codegen.stream.StreamView" -->
<#include "c_file_header.ftl">
/*
 * main.c - streaming keyword spotting: a ${stream.windowSamples}-sample window slides over the audio stream in flash,
 * ${stream.hopSamples} samples (${stream.hopMs} ms) at a time. Each window goes through the front end and the model;
 * the front end computes only the frames no earlier window on the same frame grid computed (PQK_STREAM_PHASES
 * rings of features, FrameReuse), and the window is one contiguous run of its ring;
 * its logits become posteriors (integer softmax, Q15), which are averaged over the last PQK_STREAM_SMOOTHING
 * windows; a keyword is detected when its smoothed posterior is the highest of all classes and reaches
 * PQK_STREAM_THRESHOLD_Q15, unless another detection came less than PQK_STREAM_REFRACTORY windows before.
 * io.pqkmcu.codegen.stream.StreamDetector is the Java twin of this file: the same integers, the same
 * decisions. Output, one line each on the wire:
 *
 *   PQK window <k> time_ms=<end of window> pred=<argmax> status=<s> mismatches=<m> frontend_instructions=<f>
 *       model_instructions=<n> detector_instructions=<d> score=<smoothed posterior of pred> logits=<a,b,...>
 *   PQK detection <n> window=<k> time_ms=<t> label=<class> score=<Q15> # <label name>
 *   PQK RESULT PASS|FAIL windows=<w> mismatched=<windows whose logits differ> detections=<n> expected=<twin's n>
 *       wrong=<detections that differ from the twin's>
 *
 * and exits with 0 when every window's logits and every detection equal the Java twin's, 1 otherwise.
 */
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "pqk_board.h"
#include "stream_data.h"

#if PQK_STREAM_PHASES > 0
/* Per frame grid, frame j at rows j % PQK_MODEL_FRAMES and j % PQK_MODEL_FRAMES + PQK_MODEL_FRAMES, so that
   the PQK_MODEL_FRAMES rows of any window follow each other. */
<#if project.frontEnd.cmn>
/* The front end normalises each window (CMN): the rings keep the frames' Q10 values as computed, and each
   window's rows are normalised over the window and quantised into pqk_features. */
static int32_t pqk_rings[PQK_STREAM_PHASES][2 * PQK_MODEL_INPUT_SIZE];
static int8_t pqk_features[PQK_MODEL_INPUT_SIZE];
<#else>
static int8_t pqk_rings[PQK_STREAM_PHASES][2 * PQK_MODEL_INPUT_SIZE];
</#if>
/* Per grid, the first frame index not yet computed. */
static int32_t pqk_ring_next[PQK_STREAM_PHASES];

/* Computes the frames window k lacks into its grid's ring (in runs that do not wrap) and points *features at
   the window's rows. Frames are independent (per-frame normalisation), so they equal the window's own. */
static pqk_status pqk_stream_features(int32_t k, const int8_t **features)
{
    const int32_t start = k * PQK_STREAM_HOP_SAMPLES;
    const int32_t phase = k % PQK_STREAM_PHASES;
    const int32_t first = start / PQK_STREAM_FRAME_STRIDE;
    const int32_t offset = start % PQK_STREAM_FRAME_STRIDE;
    const int32_t end = first + PQK_MODEL_FRAMES;
<#if project.frontEnd.cmn>
    int32_t *const ring = pqk_rings[phase];
<#else>
    int8_t *const ring = pqk_rings[phase];
</#if>
    int32_t j = pqk_ring_next[phase] > first ? pqk_ring_next[phase] : first;
    while (j < end) {
        const int32_t row = j % PQK_MODEL_FRAMES;
        const int32_t n = end - j < PQK_MODEL_FRAMES - row ? end - j : PQK_MODEL_FRAMES - row;
<#if project.frontEnd.cmn>
        int32_t *const at = ring + row * PQK_MODEL_FEATURES_PER_FRAME;
        const pqk_status status = pqk_model_raw_frames(&pqk_stream_audio[offset + j * PQK_STREAM_FRAME_STRIDE], n, at);
        if (status != PQK_OK) {
            return status;
        }
        memcpy(at + PQK_MODEL_INPUT_SIZE, at, (size_t)(n * PQK_MODEL_FEATURES_PER_FRAME) * sizeof(int32_t));
<#else>
        int8_t *const at = ring + row * PQK_MODEL_FEATURES_PER_FRAME;
        const pqk_status status = pqk_model_frames(&pqk_stream_audio[offset + j * PQK_STREAM_FRAME_STRIDE], n, at);
        if (status != PQK_OK) {
            return status;
        }
        memcpy(at + PQK_MODEL_INPUT_SIZE, at, (size_t)(n * PQK_MODEL_FEATURES_PER_FRAME));
</#if>
        j += n;
    }
    pqk_ring_next[phase] = end;
<#if project.frontEnd.cmn>
    /* The window's rows, normalised over the window (never in the ring) and quantised. */
    *features = pqk_features;
    return pqk_model_window_features(ring + (first % PQK_MODEL_FRAMES) * PQK_MODEL_FEATURES_PER_FRAME, pqk_features);
<#else>
    *features = ring + (first % PQK_MODEL_FRAMES) * PQK_MODEL_FEATURES_PER_FRAME;
    return PQK_OK;
</#if>
}
#else
static int8_t pqk_features[PQK_MODEL_INPUT_SIZE];
#endif
static int8_t pqk_logits[PQK_MODEL_OUTPUT_SIZE];
/* The last PQK_STREAM_SMOOTHING windows' posteriors (Q15), a ring indexed by window % PQK_STREAM_SMOOTHING. */
static int32_t pqk_history[PQK_STREAM_SMOOTHING][PQK_MODEL_OUTPUT_SIZE];

#if defined(PQK_PROFILE)
/* Per-layer counts come from the test firmware (pqk simulate on a test project); here the hook does nothing. */
void pqk_profile_layer(int32_t layer, int32_t end)
{
    (void)layer;
    (void)end;
}
#endif /* PQK_PROFILE */

static void put_field(const char *name, int32_t value)
{
    pqk_board_puts(name);
    pqk_board_put_i32(value);
}

/* Integer softmax: posterior[c] = (exp_q15[max - q_c] << 15) / sum over j of exp_q15[max - q_j]. */
static void pqk_posteriors(const int8_t *logits, int32_t *posterior)
{
    int32_t max = logits[0];
    int32_t sum = 0;
    int32_t c;
    for (c = 1; c < PQK_MODEL_OUTPUT_SIZE; c++) {
        if (logits[c] > max) {
            max = logits[c];
        }
    }
    for (c = 0; c < PQK_MODEL_OUTPUT_SIZE; c++) {
        sum += pqk_stream_exp_q15[max - logits[c]];
    }
    for (c = 0; c < PQK_MODEL_OUTPUT_SIZE; c++) {
        posterior[c] = (pqk_stream_exp_q15[max - logits[c]] << 15) / sum;
    }
}

/* Smooths window k's posteriors with the previous ones; returns the best class and its smoothed score. */
static int32_t pqk_smoothed_best(int32_t k, int32_t *score)
{
    const int32_t n = k + 1 < PQK_STREAM_SMOOTHING ? k + 1 : PQK_STREAM_SMOOTHING;
    int32_t best = 0;
    int32_t best_score = -1;
    int32_t c;
    for (c = 0; c < PQK_MODEL_OUTPUT_SIZE; c++) {
        int32_t sum = 0;
        int32_t i;
        for (i = 0; i < n; i++) {
            sum += pqk_history[i][c];
        }
        if (sum / n > best_score) { /* the first class wins ties */
            best_score = sum / n;
            best = c;
        }
    }
    *score = best_score;
    return best;
}

int main(void)
{
    const int32_t samples = pqk_stream_samples();
    const int32_t windows = samples < PQK_STREAM_WINDOW_SAMPLES ? 0
        : (samples - PQK_STREAM_WINDOW_SAMPLES) / PQK_STREAM_HOP_SAMPLES + 1;
    const int32_t expected_windows = pqk_stream_expected_windows();
    const int32_t expected_detections = pqk_stream_expected_detections();
    int32_t last_detection = -1;
    int32_t detections = 0;
    int32_t wrong = 0;
    int32_t mismatched = 0;
    int32_t k;
    pqk_board_init();
    pqk_board_puts("PQK stream " PQK_MODEL_NAME " " PQK_MODEL_CHECKSUM);
    put_field(" samples=", samples);
    put_field(" windows=", windows);
    put_field(" hop=", PQK_STREAM_HOP_SAMPLES);
    pqk_board_puts("\n");
    for (k = 0; k < windows; k++) {
#if PQK_STREAM_PHASES == 0
        const int16_t *window = &pqk_stream_audio[k * PQK_STREAM_HOP_SAMPLES];
        const int8_t *features = pqk_features;
#else
        const int8_t *features = NULL;
#endif
        const int32_t time_ms = (int32_t)(((int64_t)k * PQK_STREAM_HOP_SAMPLES + PQK_STREAM_WINDOW_SAMPLES) * 1000
                                          / PQK_STREAM_SAMPLE_RATE);
        uint64_t start;
        uint64_t front_end;
        uint64_t model;
        uint64_t detector;
        pqk_status status;
        int32_t mismatches = 0;
        int32_t best;
        int32_t score;
        int32_t detected;
        int32_t i;

        start = pqk_board_instructions();
#if PQK_STREAM_PHASES == 0
        status = pqk_model_features(window, pqk_features);
#else
        status = pqk_stream_features(k, &features);
#endif
        front_end = pqk_board_instructions() - start;
        start = pqk_board_instructions();
        if (status == PQK_OK) {
            status = pqk_model_invoke(features, pqk_logits);
        }
        model = pqk_board_instructions() - start;

        start = pqk_board_instructions();
        pqk_posteriors(pqk_logits, pqk_history[k % PQK_STREAM_SMOOTHING]);
        best = pqk_smoothed_best(k, &score);
        detected = pqk_stream_keyword[best] != 0u && score >= PQK_STREAM_THRESHOLD_Q15
                   && (last_detection < 0 || k - last_detection >= PQK_STREAM_REFRACTORY);
        detector = pqk_board_instructions() - start;

        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (k >= expected_windows || pqk_logits[i] != pqk_stream_expected[k * PQK_MODEL_OUTPUT_SIZE + i]) {
                mismatches++;
            }
        }
        if (status != PQK_OK || mismatches != 0) {
            mismatched++;
        }
        put_field("PQK window ", k);
        put_field(" time_ms=", time_ms);
        put_field(" pred=", best);
        put_field(" status=", (int32_t)status);
        put_field(" mismatches=", mismatches);
        pqk_board_puts(" frontend_instructions=");
        pqk_board_put_u64(front_end);
        pqk_board_puts(" model_instructions=");
        pqk_board_put_u64(model);
        pqk_board_puts(" detector_instructions=");
        pqk_board_put_u64(detector);
        put_field(" score=", score);
        pqk_board_puts(" logits=");
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (i > 0) {
                pqk_board_puts(",");
            }
            pqk_board_put_i32(pqk_logits[i]);
        }
        pqk_board_puts("\n");

        if (detected) {
            last_detection = k;
            if (detections >= expected_detections) {
                wrong++;
            } else {
                const int32_t *twin = &pqk_stream_detections[detections * 3];
                if (twin[0] != k || twin[1] != best || twin[2] != score) {
                    wrong++;
                }
            }
            put_field("PQK detection ", detections);
            put_field(" window=", k);
            put_field(" time_ms=", time_ms);
            put_field(" label=", best);
            put_field(" score=", score);
            pqk_board_puts(" # ");
            pqk_board_puts(pqk_model_labels[best]);
            pqk_board_puts("\n");
            detections++;
        }
    }
    {
        const int pass = windows == expected_windows && mismatched == 0 && detections == expected_detections
                         && wrong == 0;
        pqk_board_puts(pass ? "PQK RESULT PASS" : "PQK RESULT FAIL");
        put_field(" windows=", windows);
        put_field(" mismatched=", mismatched);
        put_field(" detections=", detections);
        put_field(" expected=", expected_detections);
        put_field(" wrong=", wrong);
        pqk_board_puts("\n");
        return pass ? 0 : 1;
    }
}
