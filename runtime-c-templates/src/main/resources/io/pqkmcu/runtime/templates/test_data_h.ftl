<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/*
 * test_data.h - the test firmware's inputs, the logits the Java int8 reference computed for them, and
 * their labels. The data sit in flash as binary blobs (test_data.S pulls them in with .incbin), so the
 * number of inputs is read from the blob sizes: a run can swap in another chunk without recompiling C.
 */
#ifndef ${project.model.guard}_TEST_DATA
#define ${project.model.guard}_TEST_DATA

#include <stdint.h>

#include "model.h"

<#if project.tests.audio>
/* Inputs are audio clips: PQK_MODEL_AUDIO_SAMPLES little-endian int16 samples each, run through the front end. */
#define PQK_TEST_AUDIO 1
#define PQK_TEST_INPUT_ELEMENTS PQK_MODEL_AUDIO_SAMPLES
typedef int16_t pqk_test_input_t;
<#else>
/* Inputs are int8 model inputs of PQK_MODEL_INPUT_SIZE values each. */
#define PQK_TEST_AUDIO 0
#define PQK_TEST_INPUT_ELEMENTS PQK_MODEL_INPUT_SIZE
typedef int8_t pqk_test_input_t;
</#if>

extern const pqk_test_input_t pqk_test_inputs[];     /* [count][PQK_TEST_INPUT_ELEMENTS] */
extern const pqk_test_input_t pqk_test_inputs_end[];
extern const int8_t pqk_test_expected[];             /* [count][PQK_MODEL_OUTPUT_SIZE] */
extern const int16_t pqk_test_labels[];              /* [count], -1 when unknown */

/* Number of test inputs in flash. */
static inline int32_t pqk_test_count(void)
{
    return (int32_t)((pqk_test_inputs_end - pqk_test_inputs) / PQK_TEST_INPUT_ELEMENTS);
}

#endif /* ${project.model.guard}_TEST_DATA */
