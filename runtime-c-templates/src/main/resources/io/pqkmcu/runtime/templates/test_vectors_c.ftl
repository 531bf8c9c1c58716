<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/* test_vectors.c - inputs [PQK_TEST_VECTOR_COUNT][PQK_MODEL_INPUT_SIZE] (NHWC) and expected logits. */
#include "test_vectors.h"

const int8_t pqk_test_inputs[PQK_TEST_VECTOR_COUNT][PQK_MODEL_INPUT_SIZE] = {
<#list project.testVectors as v>
    { /* vector ${v?index} */
<#list v.inputLines as line>
        ${line}
</#list>
    },
</#list>
};

const int8_t pqk_test_expected[PQK_TEST_VECTOR_COUNT][PQK_MODEL_OUTPUT_SIZE] = {
<#list project.testVectors as v>
    { /* vector ${v?index} */
<#list v.expectedLines as line>
        ${line}
</#list>
    },
</#list>
};
