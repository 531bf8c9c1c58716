/*
 * pqk_sparse_unpack.c - decodes a whole PQKS1 table (format: pqk_kernels.h) into int8 weights, their
 * uint8/uint16 positions within their rows and per-row counts, once per kernel call.
 *
 * A 32-bit bit buffer holds the next unread bits, the first in bit 0. It is refilled with one
 * unaligned word load while four stream bytes remain (OR-ing in as many whole bytes as fit, the usual
 * branch-free refill), byte by byte at the end of the stream. An entry's gap and value fields are
 * taken from one peek. Because entries are in row-major position order, the row of each weight
 * follows from a running position within the row, with no division. The stream is checked as it is
 * read, so a corrupt one gives PQK_ERROR_ARGUMENT instead of a write past the caller's arrays; the
 * table's constants are copied into locals first, since the stores into the arrays could alias them.
 * Bit-exact twin of io.pqkmcu.codegen.sparse.SparseTableDecoder.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

pqk_status pqk_sparse_unpack(const pqk_sparse_table *table, int8_t *weights, void *index, uint16_t *row_nnz)
{
    const pqk_sparse_table t = *table;
    const uint8_t *next = t.stream;
    const uint8_t *end;
    const int32_t gap_bits = t.gap_bits;
    const int32_t value_bits = t.value_bits;
    const int32_t fields_bits = gap_bits + value_bits;
    const uint32_t gap_mask = (1u << gap_bits) - 1u;
    const uint32_t value_mask = (1u << value_bits) - 1u;
    const int32_t cols = t.cols;
    const int32_t base = t.value_base;
    int8_t *const weights_end = weights + t.nnz;
    int8_t *out = weights;
    int8_t *row_first = weights;
    uint8_t *const index8 = (uint8_t *)index;
    uint16_t *const index16 = (uint16_t *)index;
    const int32_t wide = t.cols > 256;
    uint16_t *const last_row = row_nnz + t.rows - 1;
    uint32_t buffer = 0;
    int32_t bits = 0;
    int32_t position = 0; /* position within the current row */
    int32_t left;

    if (t.gap_bits < 1 || t.gap_bits > 8 || t.value_bits < 1 || t.value_bits > 8 || t.value_base < 1
        || t.value_base > 127 || t.rows <= 0 || cols <= 0 || cols > 32767 || t.entries < 0 || t.nnz < 0
        || t.stream_bytes < 0 || (t.stream_bytes > 0 && t.stream == 0) || (wide && !PQK_SPARSE_WIDE_INDEX)) {
        return PQK_ERROR_ARGUMENT;
    }
    end = t.stream + t.stream_bytes;
    for (left = t.entries; left > 0; left--) {
        uint32_t gap;
        uint32_t code;
        if (bits < fields_bits) {
            if (end - next >= 4) {
                buffer |= pqk_read_u32(next) << bits;
                next += (31 - bits) >> 3;
                bits |= 24;
            } else {
                while (bits <= 24 && next != end) {
                    buffer |= (uint32_t)(*next++) << bits;
                    bits += 8;
                }
                if (bits < gap_bits) {
                    return PQK_ERROR_ARGUMENT;
                }
            }
        }
        gap = buffer & gap_mask;
        position += (int32_t)gap;
        while (position >= cols) {
            /* the gap carries into the next row: close this one */
            if (row_nnz == last_row) {
                return PQK_ERROR_ARGUMENT; /* a gap past the last weight */
            }
            *row_nnz++ = (uint16_t)(out - row_first);
            row_first = out;
            position -= cols;
        }
        if (gap == gap_mask) {
            buffer >>= gap_bits; /* escape: no weight */
            bits -= gap_bits;
            continue;
        }
        if (bits < fields_bits || out == weights_end) {
            return PQK_ERROR_ARGUMENT;
        }
        code = (buffer >> gap_bits) & value_mask;
        buffer >>= fields_bits;
        bits -= fields_bits;
        {
            const int32_t magnitude = base + (int32_t)(code >> 1);
            if (magnitude > 127) {
                return PQK_ERROR_ARGUMENT;
            }
            if (wide) {
                index16[out - weights] = (uint16_t)position;
            } else {
                index8[out - weights] = (uint8_t)position;
            }
            *out++ = (int8_t)((code & 1u) ? -magnitude : magnitude);
        }
        position++; /* may reach cols: the next gap then carries into the next row */
    }
    if (out != weights_end) {
        return PQK_ERROR_ARGUMENT;
    }
    *row_nnz = (uint16_t)(out - row_first);
    while (row_nnz != last_row) {
        *++row_nnz = 0;
    }
    return PQK_OK;
}
