<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
<#include "c_file_header.ftl">
/*
 * main.c - test-vector firmware: runs every test vector through pqk_model_invoke, compares the logits
 * with the Java reference's, prints one line per vector (status, mismatches, argmax, instructions,
 * logits) and a PASS/FAIL line, then exits with 0 (all equal) or 1 through the board runtime.
 */
#include <stdint.h>

#include "model.h"
#include "pqk_board.h"
#include "test_vectors.h"

static int8_t pqk_logits[PQK_MODEL_OUTPUT_SIZE];

/* Prints v in decimal (pqk_board_puts takes strings only). */
static void put_int(int32_t v)
{
    char buf[12];
    int32_t i = 11;
    uint32_t u = v < 0 ? (uint32_t)0 - (uint32_t)v : (uint32_t)v;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + (int32_t)(u % 10u));
        u /= 10u;
    } while (u != 0u);
    if (v < 0) {
        buf[--i] = '-';
    }
    pqk_board_puts(&buf[i]);
}

static void put_uint(uint32_t u)
{
    char buf[11];
    int32_t i = 10;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + (int32_t)(u % 10u));
        u /= 10u;
    } while (u != 0u);
    pqk_board_puts(&buf[i]);
}

int main(void)
{
    int32_t failures = 0;
    int32_t v;
    pqk_board_init();
    pqk_board_puts("PQK model " PQK_MODEL_NAME " " PQK_MODEL_CHECKSUM "\n");
    for (v = 0; v < PQK_TEST_VECTOR_COUNT; v++) {
        const uint32_t start = (uint32_t)pqk_board_instructions();
        const pqk_status status = pqk_model_invoke(pqk_test_inputs[v], pqk_logits);
        const uint32_t used = (uint32_t)pqk_board_instructions() - start;
        int32_t mismatches = 0;
        int32_t best = 0;
        int32_t i;
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (pqk_logits[i] != pqk_test_expected[v][i]) {
                mismatches++;
            }
            if (pqk_logits[i] > pqk_logits[best]) {
                best = i;
            }
        }
        if (status != PQK_OK || mismatches != 0) {
            failures++;
        }
        pqk_board_puts("PQK vector ");
        put_int(v);
        pqk_board_puts(" status=");
        put_int((int32_t)status);
        pqk_board_puts(" mismatches=");
        put_int(mismatches);
        pqk_board_puts(" argmax=");
        put_int(best);
        pqk_board_puts(" instructions=");
        put_uint(used);
        pqk_board_puts(" logits=");
        for (i = 0; i < PQK_MODEL_OUTPUT_SIZE; i++) {
            if (i > 0) {
                pqk_board_puts(",");
            }
            put_int(pqk_logits[i]);
        }
        pqk_board_puts("\n");
    }
    pqk_board_puts(failures == 0 ? "PQK RESULT PASS failures=" : "PQK RESULT FAIL failures=");
    put_int(failures);
    pqk_board_puts("\n");
    pqk_board_exit(failures == 0 ? 0 : 1);
    return failures == 0 ? 0 : 1;
}
