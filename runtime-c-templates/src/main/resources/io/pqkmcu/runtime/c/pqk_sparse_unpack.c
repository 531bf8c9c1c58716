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

/*
 * The decoding loop for one index type (a function per type: the store needs no width test per
 * entry, and the loop's values fit the registers). t's constants are valid (checked by the caller).
 */
#define PQK_SPARSE_UNPACK_FUNCTION(name, index_type)                                                         \
    static pqk_status name(const pqk_sparse_table *table, int8_t *weights, index_type *index, uint16_t *row_nnz) \
    {                                                                                                        \
        const uint8_t *next = table->stream;                                                                 \
        const uint8_t *const end = table->stream + table->stream_bytes;                                      \
        const int32_t gap_bits = table->gap_bits;                                                            \
        const int32_t fields_bits = gap_bits + table->value_bits;                                            \
        const uint32_t gap_mask = (1u << gap_bits) - 1u;                                                     \
        const uint32_t value_mask = (1u << table->value_bits) - 1u;                                          \
        const int32_t cols = table->cols;                                                                    \
        /* codes whose magnitude b + (V >> 1) exceeds 127 are corrupt */                                     \
        const uint32_t code_limit = 2u * (uint32_t)(127 - table->value_base) + 1u;                           \
        const int32_t base = table->value_base;                                                              \
        int8_t *const weights_end = weights + table->nnz;                                                    \
        int8_t *out = weights;                                                                               \
        int8_t *row_first = weights;                                                                         \
        uint16_t *const last_row = row_nnz + table->rows - 1;                                                \
        uint32_t buffer = 0;                                                                                 \
        int32_t bits = 0;                                                                                    \
        int32_t position = 0; /* position within the current row */                                          \
        int32_t left;                                                                                        \
        for (left = table->entries; left > 0; left--) {                                                      \
            uint32_t gap;                                                                                    \
            uint32_t code;                                                                                   \
            if (bits < fields_bits) {                                                                        \
                if (end - next >= 4) {                                                                       \
                    buffer |= pqk_read_u32(next) << bits;                                                    \
                    next += (31 - bits) >> 3;                                                                \
                    bits |= 24;                                                                              \
                } else {                                                                                     \
                    while (bits <= 24 && next != end) {                                                      \
                        buffer |= (uint32_t)(*next++) << bits;                                               \
                        bits += 8;                                                                           \
                    }                                                                                        \
                    if (bits < gap_bits) {                                                                   \
                        return PQK_ERROR_ARGUMENT;                                                           \
                    }                                                                                        \
                }                                                                                            \
            }                                                                                                \
            gap = buffer & gap_mask;                                                                         \
            position += (int32_t)gap;                                                                        \
            while (position >= cols) {                                                                       \
                /* the gap carries into the next row: close this one */                                      \
                if (row_nnz == last_row) {                                                                   \
                    return PQK_ERROR_ARGUMENT; /* a gap past the last weight */                              \
                }                                                                                            \
                *row_nnz++ = (uint16_t)(out - row_first);                                                    \
                row_first = out;                                                                             \
                position -= cols;                                                                            \
            }                                                                                                \
            if (gap == gap_mask) {                                                                           \
                buffer >>= gap_bits; /* escape: no weight */                                                 \
                bits -= gap_bits;                                                                            \
                continue;                                                                                    \
            }                                                                                                \
            code = (buffer >> gap_bits) & value_mask;                                                        \
            if (bits < fields_bits || out == weights_end || code > code_limit) {                             \
                return PQK_ERROR_ARGUMENT;                                                                   \
            }                                                                                                \
            buffer >>= fields_bits;                                                                          \
            bits -= fields_bits;                                                                             \
            {                                                                                                \
                const int32_t magnitude = base + (int32_t)(code >> 1);                                       \
                const int32_t sign = -(int32_t)(code & 1u); /* 0 or -1 */                                    \
                *index++ = (index_type)position;                                                             \
                *out++ = (int8_t)((magnitude ^ sign) - sign);                                                \
            }                                                                                                \
            position++; /* may reach cols: the next gap then carries into the next row */                    \
        }                                                                                                    \
        if (out != weights_end) {                                                                            \
            return PQK_ERROR_ARGUMENT;                                                                       \
        }                                                                                                    \
        *row_nnz = (uint16_t)(out - row_first);                                                              \
        while (row_nnz != last_row) {                                                                        \
            *++row_nnz = 0;                                                                                  \
        }                                                                                                    \
        return PQK_OK;                                                                                       \
    }

PQK_SPARSE_UNPACK_FUNCTION(pqk_sparse_unpack_k8, uint8_t)
#if PQK_SPARSE_WIDE_INDEX
PQK_SPARSE_UNPACK_FUNCTION(pqk_sparse_unpack_k16, uint16_t)
#endif

pqk_status pqk_sparse_unpack(const pqk_sparse_table *table, int8_t *weights, void *index, uint16_t *row_nnz)
{
    const pqk_sparse_table t = *table; /* the stores into the arrays could alias the table */
    const int32_t wide = t.cols > 256;
    if (t.gap_bits < 1 || t.gap_bits > 8 || t.value_bits < 1 || t.value_bits > 8 || t.value_base < 1
        || t.value_base > 127 || t.rows <= 0 || t.cols <= 0 || t.cols > 32767 || t.entries < 0 || t.nnz < 0
        || t.stream_bytes < 0 || (t.stream_bytes > 0 && t.stream == 0) || (wide && !PQK_SPARSE_WIDE_INDEX)) {
        return PQK_ERROR_ARGUMENT;
    }
#if PQK_SPARSE_WIDE_INDEX
    if (wide) {
        return pqk_sparse_unpack_k16(&t, weights, (uint16_t *)index, row_nnz);
    }
#endif
    return pqk_sparse_unpack_k8(&t, weights, (uint8_t *)index, row_nnz);
}
