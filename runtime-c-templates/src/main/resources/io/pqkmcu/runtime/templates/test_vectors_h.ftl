<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/* test_vectors.h - model inputs and the outputs the Java int8 reference computed for them. */
#ifndef ${project.guard}_TEST_VECTORS
#define ${project.guard}_TEST_VECTORS

#include <stdint.h>

#include "model.h"

#define PQK_TEST_VECTOR_COUNT ${project.testVectors?size}

extern const int8_t pqk_test_inputs[PQK_TEST_VECTOR_COUNT][PQK_MODEL_INPUT_SIZE];
extern const int8_t pqk_test_expected[PQK_TEST_VECTOR_COUNT][PQK_MODEL_OUTPUT_SIZE];

#endif /* ${project.guard}_TEST_VECTORS */
