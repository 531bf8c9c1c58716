/*
 * pqk_sparse_unpack_test.c - the PQKS1 decoder on hand-encoded streams: row splitting, escapes, wide
 * (uint16) indices, and corrupt tables, which must be refused rather than written past the arrays.
 */
#include "pqk_test.h"

/*
 * Encoded by hand (SparseTableEncoderTest.encodesASmallRowExactlyAsSpecified has the same stream):
 * weights at positions 2, 4, 12 of {0, 0, 5, 0, -3, 0, 0, 0, 0, 0, 0, 0, 7}: value base b = 3, value bits v = 4
 * (7 - 3 = 4 < 2^3), gap bits g = 2 (escape 3). Entries, LSB first:
 *   [G=2: 0,1][V=(5-3)<<1|0=4: 0,0,1,0][G=1: 1,0][V=(3-3)<<1|1=1: 1,0,0,0][esc: 1,1][esc: 1,1][G=1: 1,0]
 *   [V=(7-3)<<1|0=8: 0,0,0,1] -> bytes 0x52, 0xf1, 0x21 (22 bits, 5 entries, 3 non-zeros).
 * Read as 2 rows of 7: positions 2 and 4 are in row 0, position 12 is row 1, index 5:
 *   weights {5, -3, 7}, index {2, 4, 5}, row_nnz {2, 1}.
 */
static const uint8_t stream[3] = {0x52, 0xf1, 0x21};

/*
 * A wide row (300 positions, uint16 indices): one weight +1 at position 280, g = 8 (escape 255), v = 1, b = 1:
 *   [esc: 8 ones] then [G=25: 8 bits] [V=0: sign +, magnitude 1] -> bytes 0xff, 0x19, 0x00 (17 bits, 2 entries).
 */
static const uint8_t wide_stream[3] = {0xff, 0x19, 0x00};

int main(void)
{
    int8_t weights[4];
    uint8_t index[4];
    uint16_t index16[2];
    uint16_t row_nnz[3];
    {
        const pqk_sparse_table t = {stream, 3, 5, 3, 2, 7, 2, 2, 4, 3};
        const int8_t want_w[3] = {5, -3, 7};
        const int8_t want_i[3] = {2, 4, 5};
        PQK_CHECK_EQ("2 rows of 7", PQK_OK, pqk_sparse_unpack(&t, weights, index, row_nnz));
        PQK_CHECK_S8("2 rows of 7 weights", want_w, weights, 3);
        PQK_CHECK_S8("2 rows of 7 index", want_i, (const int8_t *)index, 3);
        PQK_CHECK_EQ("2 rows of 7", 2, row_nnz[0]);
        PQK_CHECK_EQ("2 rows of 7", 1, row_nnz[1]);
    }
    {
        /* the same stream as 3 rows of 5: positions 2, 4 | 12 -> row 2 index 2; row 1 is empty */
        const pqk_sparse_table t = {stream, 3, 5, 3, 3, 5, 2, 2, 4, 3};
        PQK_CHECK_EQ("3 rows of 5", PQK_OK, pqk_sparse_unpack(&t, weights, index, row_nnz));
        PQK_CHECK_EQ("3 rows of 5", 2, index[2]);
        PQK_CHECK_EQ("3 rows of 5", 2, row_nnz[0]);
        PQK_CHECK_EQ("3 rows of 5", 0, row_nnz[1]);
        PQK_CHECK_EQ("3 rows of 5", 1, row_nnz[2]);
    }
    {
        const pqk_sparse_table t = {wide_stream, 3, 2, 1, 1, 300, 1, 8, 1, 1};
        PQK_CHECK_EQ("wide row", PQK_OK, pqk_sparse_unpack(&t, weights, index16, row_nnz));
        PQK_CHECK_EQ("wide row", 1, weights[0]);
        PQK_CHECK_EQ("wide row", 280, index16[0]);
        PQK_CHECK_EQ("wide row", 1, row_nnz[0]);
    }
    {
        /* all pruned: an empty stream (one byte in memory, stream_bytes 0), every row empty */
        const uint8_t empty[1] = {0};
        const pqk_sparse_table t = {empty, 0, 0, 0, 3, 4, 0, 1, 1, 1};
        row_nnz[0] = row_nnz[1] = row_nnz[2] = 99;
        PQK_CHECK_EQ("all pruned", PQK_OK, pqk_sparse_unpack(&t, weights, index, row_nnz));
        PQK_CHECK_EQ("all pruned", 0, row_nnz[0] + row_nnz[1] + row_nnz[2]);
    }
    /* corrupt tables */
    {
        const pqk_sparse_table t = {stream, 3, 5, 4, 2, 7, 2, 2, 4, 3}; /* claims 4 non-zeros, holds 3 */
        PQK_CHECK_EQ("nnz too high", PQK_ERROR_ARGUMENT, pqk_sparse_unpack(&t, weights, index, row_nnz));
    }
    {
        const pqk_sparse_table t = {stream, 3, 5, 2, 2, 7, 2, 2, 4, 3}; /* claims 2: the third has no room */
        PQK_CHECK_EQ("nnz too low", PQK_ERROR_ARGUMENT, pqk_sparse_unpack(&t, weights, index, row_nnz));
    }
    {
        const pqk_sparse_table t = {stream, 2, 5, 3, 2, 7, 2, 2, 4, 3}; /* the last entry is cut off */
        PQK_CHECK_EQ("stream cut short", PQK_ERROR_ARGUMENT, pqk_sparse_unpack(&t, weights, index, row_nnz));
    }
    {
        const pqk_sparse_table t = {stream, 3, 5, 3, 1, 12, 3, 2, 4, 3}; /* position 12 beyond 1 x 12 */
        PQK_CHECK_EQ("weight beyond R*K", PQK_ERROR_ARGUMENT, pqk_sparse_unpack(&t, weights, index, row_nnz));
    }
    {
        const pqk_sparse_table t = {stream, 3, 5, 3, 2, 7, 2, 2, 4, 125}; /* base 125: 125 + (8 >> 1) > 127 */
        PQK_CHECK_EQ("magnitude above 127", PQK_ERROR_ARGUMENT, pqk_sparse_unpack(&t, weights, index, row_nnz));
    }
    {
        const pqk_sparse_table t = {stream, 3, 5, 3, 2, 7, 2, 9, 4, 3}; /* gap bits 9 */
        PQK_CHECK_EQ("gap bits out of range", PQK_ERROR_ARGUMENT, pqk_sparse_unpack(&t, weights, index, row_nnz));
    }
    return pqk_test_finish(__FILE__);
}
