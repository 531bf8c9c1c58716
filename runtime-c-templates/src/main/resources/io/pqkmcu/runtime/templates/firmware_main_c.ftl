<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/*
 * main.c - test firmware: runs every test input in flash through <#if project.tests.audio>the front end and </#if>the model,
 * compares the logits with the Java int8 reference's, and prints one line per input:
 *
 *   PQK vector <i> label=<l> pred=<p> status=<s> mismatches=<m> frontend_instructions=<f> model_instructions=<n>
 *       logits=<a,b,...> # <label name> -> <predicted name>
 *
 * (one line on the wire), then "PQK RESULT PASS|FAIL ..." and exits through the board runtime with 0 when
 * every logit matched and 1 otherwise. Instruction counts come from pqk_board_instructions().
 *
 * The profiling build (-DPQK_PROFILE, make firmware PROFILE=1) also prints, after each vector line,
 *
 *   PQK layers <i> <instructions of layer 0>,<layer 1>,...
 *
 * with the cost of the hook itself (measured once at start, "PQK profile overhead=<n>") subtracted.
 */
#include <stdint.h>

#include "model.h"
#include "pqk_board.h"
#include "test_data.h"

static int8_t pqk_logits[PQK_MODEL_OUTPUT_SIZE];
#if PQK_TEST_AUDIO
static int8_t pqk_features[PQK_MODEL_INPUT_SIZE];
#endif

static void put_field(const char *name, int32_t value)
{
    pqk_board_puts(name);
    pqk_board_put_i32(value);
}

static void put_label(int32_t index)
{
    pqk_board_puts(index >= 0 && index < PQK_MODEL_LABEL_COUNT ? pqk_model_labels[index] : "?");
}

#if defined(PQK_PROFILE)
/* Instructions per layer of the current input, written by the hook model.c calls around each layer. */
static uint64_t pqk_layer_instructions[PQK_MODEL_LAYER_COUNT];
static uint64_t pqk_layer_start;
static uint64_t pqk_profile_overhead;

void pqk_profile_layer(int32_t layer, int32_t end)
{
    const uint64_t now = pqk_board_instructions();
    if (end == 0) {
        pqk_layer_start = now;
    } else if (layer >= 0 && layer < PQK_MODEL_LAYER_COUNT) {
        const uint64_t spent = now - pqk_layer_start;
        pqk_layer_instructions[layer] = spent > pqk_profile_overhead ? spent - pqk_profile_overhead : 0u;
    }
}

/* What a begin/end pair around nothing costs: subtracted from every layer. */
static void pqk_profile_calibrate(void)
{
    pqk_profile_layer(0, 0);
    pqk_profile_layer(0, 1);
    pqk_profile_overhead = pqk_layer_instructions[0];
    pqk_layer_instructions[0] = 0u;
    pqk_board_puts("PQK profile overhead=");
    pqk_board_put_u64(pqk_profile_overhead);
    pqk_board_puts("\n");
}

static void pqk_profile_print(int32_t v)
{
    int32_t i;
    pqk_board_puts("PQK layers ");
    pqk_board_put_i32(v);
    pqk_board_puts(" ");
    for (i = 0; i < PQK_MODEL_LAYER_COUNT; i++) {
        if (i > 0) {
            pqk_board_puts(",");
        }
        pqk_board_put_u64(pqk_layer_instructions[i]);
    }
    pqk_board_puts("\n");
}
#endif /* PQK_PROFILE */

int main(void)
{
    const int32_t count = pqk_test_count();
    int32_t failures = 0;
    int32_t labelled = 0;
    int32_t correct = 0;
    int32_t v;
    pqk_board_init();
    pqk_board_puts("PQK model " PQK_MODEL_NAME " " PQK_MODEL_CHECKSUM " vectors=");
    pqk_board_put_i32(count);
    pqk_board_puts("\n");
#if defined(PQK_PROFILE)
    pqk_profile_calibrate();
#endif /* PQK_PROFILE */
    for (v = 0; v < count; v++) {
        const pqk_test_input_t *input = &pqk_test_inputs[v * PQK_TEST_INPUT_ELEMENTS];
        const int8_t *expected = &pqk_test_expected[v * PQK_MODEL_OUTPUT_SIZE];
        const int32_t label = pqk_test_labels[v];
        uint64_t start;
        uint64_t front_end = 0;
        uint64_t model;
        pqk_status status;
        int32_t mismatches = 0;
        int32_t best = 0;
        int32_t i;
#if PQK_TEST_AUDIO
        start = pqk_board_instructions();
        status = pqk_model_features(input, pqk_features);
        front_end = pqk_board_instructions() - start;
        start = pqk_board_instructions();
        if (status == PQK_OK) {
            status = pqk_model_invoke(pqk_features, pqk_logits);
        }
#else
        start = pqk_board_instructions();
        status = pqk_model_invoke(input, pqk_logits);
#endif
        model = pqk_board_instructions() - start;
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (pqk_logits[i] != expected[i]) {
                mismatches++;
            }
            if (pqk_logits[i] > pqk_logits[best]) {
                best = i;
            }
        }
        if (status != PQK_OK || mismatches != 0) {
            failures++;
        }
        if (label >= 0) {
            labelled++;
            correct += best == label ? 1 : 0;
        }
        put_field("PQK vector ", v);
        put_field(" label=", label);
        put_field(" pred=", best);
        put_field(" status=", (int32_t)status);
        put_field(" mismatches=", mismatches);
        pqk_board_puts(" frontend_instructions=");
        pqk_board_put_u64(front_end);
        pqk_board_puts(" model_instructions=");
        pqk_board_put_u64(model);
        pqk_board_puts(" logits=");
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (i > 0) {
                pqk_board_puts(",");
            }
            pqk_board_put_i32(pqk_logits[i]);
        }
        pqk_board_puts(" # ");
        put_label(label);
        pqk_board_puts(" -> ");
        put_label(best);
        pqk_board_puts("\n");
#if defined(PQK_PROFILE)
        pqk_profile_print(v);
#endif /* PQK_PROFILE */
    }
    pqk_board_puts(failures == 0 ? "PQK RESULT PASS" : "PQK RESULT FAIL");
    put_field(" vectors=", count);
    put_field(" mismatched=", failures);
    put_field(" labelled=", labelled);
    put_field(" correct=", correct);
    pqk_board_puts("\n");
    return failures == 0 ? 0 : 1;
}
