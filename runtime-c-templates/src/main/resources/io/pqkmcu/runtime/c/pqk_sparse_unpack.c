/*
 * pqk_sparse_unpack.c - decodes a whole PQKS1 table (format: pqk_kernels.h) once per kernel call:
 * pqk_sparse_unpack into int8 weights, their uint8/uint16 positions within their rows and per-row
 * counts; pqk_sparse_decode into the sparse convolution kernels' layout (pqk_nn_support.h), the entry
 * list of the PQK_SPARSE_PAIRS path or those three arrays.
 *
 * A 32-bit bit buffer holds the next unread bits, the first in bit 0. It is refilled with one
 * unaligned word load while four stream bytes remain (OR-ing in as many whole bytes as fit, the usual
 * branch-free refill), byte by byte at the end of the stream. An entry's gap and value fields are
 * taken from one peek. Because entries are in row-major position order, the row of each weight
 * follows from a running position within the row, with no division. The stream is checked as it is
 * read, so a corrupt one gives PQK_ERROR_ARGUMENT instead of a write past the caller's arrays; the
 * table's constants are copied into locals first, since the stores into the arrays could alias them.
 * One decoding loop (PQK_SPARSE_DECODE_LOOP) serves every output layout, each a function of its own:
 * the stores need no layout or width test per entry. Bit-exact twin of
 * io.pqkmcu.codegen.sparse.SparseTableDecoder.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

/* Branches taken once in many entries (row ends, escapes, errors), laid out of the decoding loop. */
#if defined(__GNUC__)
#define PQK_RARELY(c) __builtin_expect(!!(c), 0)
#else
#define PQK_RARELY(c) (c)
#endif

/* The table's constants, checked; PQK_ERROR_ARGUMENT if out of range. */
static pqk_status pqk_sparse_table_ok(const pqk_sparse_table *t)
{
    const int32_t wide = t->cols > 256;
    if (t->gap_bits < 1 || t->gap_bits > 8 || t->value_bits < 1 || t->value_bits > 8 || t->value_base < 1
        || t->value_base > 127 || t->rows <= 0 || t->cols <= 0 || t->cols > 32767 || t->entries < 0 || t->nnz < 0
        || t->stream_bytes < 0 || (t->stream_bytes > 0 && t->stream == 0) || (wide && !PQK_SPARSE_WIDE_INDEX)) {
        return PQK_ERROR_ARGUMENT;
    }
    return PQK_OK;
}

/*
 * The decoding loop over table t (a valid pqk_sparse_table, local): for each non-zero, emit(position,
 * weight) (its position within its row, int32); when a gap carries into the next row, close_row().
 * Counts the weights left (weights_left) and the rows left to close (rows_left), returning
 * PQK_ERROR_ARGUMENT on a corrupt stream before any store out of bounds.
 */
#define PQK_SPARSE_DECODE_LOOP(t, emit, close_row)                                                           \
    do {                                                                                                     \
        const uint8_t *next = (t).stream;                                                                    \
        const uint8_t *const end = (t).stream + (t).stream_bytes;                                            \
        const int32_t gap_bits = (t).gap_bits;                                                               \
        const int32_t fields_bits = gap_bits + (t).value_bits;                                               \
        const uint32_t gap_mask = (1u << gap_bits) - 1u;                                                     \
        const uint32_t value_mask = (1u << (t).value_bits) - 1u;                                             \
        const int32_t cols = (t).cols;                                                                       \
        const int32_t value_base = (t).value_base;                                                           \
        uint32_t buffer = 0;                                                                                 \
        int32_t bits = 0;                                                                                    \
        int32_t position = 0; /* position within the current row */                                          \
        int32_t left;                                                                                        \
        for (left = (t).entries; left > 0; left--) {                                                         \
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
            while (PQK_RARELY(position >= cols)) {                                                           \
                /* the gap carries into the next row: close this one */                                      \
                if (rows_left == 0) {                                                                        \
                    return PQK_ERROR_ARGUMENT; /* a gap past the last weight */                              \
                }                                                                                            \
                rows_left--;                                                                                 \
                close_row();                                                                                 \
                position -= cols;                                                                            \
            }                                                                                                \
            if (PQK_RARELY(gap == gap_mask)) {                                                               \
                buffer >>= gap_bits; /* escape: no weight */                                                 \
                bits -= gap_bits;                                                                            \
                continue;                                                                                    \
            }                                                                                                \
            code = (buffer >> gap_bits) & value_mask;                                                        \
            {                                                                                                \
                const int32_t magnitude_ = value_base + (int32_t)(code >> 1);                                \
                const int32_t sign_ = -(int32_t)(code & 1u); /* 0 or -1 */                                   \
                if (PQK_RARELY(bits < fields_bits || weights_left == 0 || magnitude_ > 127)) {               \
                    return PQK_ERROR_ARGUMENT;                                                               \
                }                                                                                            \
                buffer >>= fields_bits;                                                                      \
                bits -= fields_bits;                                                                         \
                weights_left--;                                                                              \
                emit(position, (magnitude_ ^ sign_) - sign_);                                                \
            }                                                                                                \
            position++; /* may reach cols: the next gap then carries into the next row */                    \
        }                                                                                                    \
        if (weights_left != 0) {                                                                             \
            return PQK_ERROR_ARGUMENT;                                                                       \
        }                                                                                                    \
    } while (0)

#define PQK_SPARSE_UNPACK_EMIT(position, weight)                                                             \
    do {                                                                                                     \
        *index++ = (pqk_index_type_)(position);                                                              \
        *out++ = (int8_t)(weight);                                                                           \
    } while (0)
#define PQK_SPARSE_UNPACK_CLOSE()                                                                            \
    do {                                                                                                     \
        *row_nnz++ = (uint16_t)(out - row_first);                                                            \
        row_first = out;                                                                                     \
    } while (0)

/* pqk_sparse_unpack for one index type. */
#define PQK_SPARSE_UNPACK_FUNCTION(name, index_type)                                                         \
    static pqk_status name(const pqk_sparse_table *table, int8_t *weights, index_type *index, uint16_t *row_nnz) \
    {                                                                                                        \
        typedef index_type pqk_index_type_;                                                                  \
        const pqk_sparse_table t = *table; /* the stores into the arrays could alias the table */            \
        int32_t weights_left = t.nnz;                                                                        \
        int32_t rows_left = t.rows - 1;                                                                      \
        int8_t *out = weights;                                                                               \
        int8_t *row_first = weights;                                                                         \
        PQK_SPARSE_DECODE_LOOP(t, PQK_SPARSE_UNPACK_EMIT, PQK_SPARSE_UNPACK_CLOSE);                          \
        *row_nnz = (uint16_t)(out - row_first);                                                              \
        while (rows_left-- > 0) {                                                                            \
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
    if (pqk_sparse_table_ok(table) != PQK_OK) {
        return PQK_ERROR_ARGUMENT;
    }
#if PQK_SPARSE_WIDE_INDEX
    if (table->cols > 256) {
        return pqk_sparse_unpack_k16(table, weights, (uint16_t *)index, row_nnz);
    }
#endif
    return pqk_sparse_unpack_k8(table, weights, (uint8_t *)index, row_nnz);
}

#if PQK_SPARSE_PAIRS
/*
 * pqk_sparse_decode's entry list (pqk_nn_support.h) with entries of entry_bytes (2: k, w; 3: k low, k
 * high, w). The list's length is bounded by pqk_sparse_decoded_bytes: the loop stops at nnz weights and
 * rows - 1 row ends, and a run end follows at most one in PQK_SPARSE_PAIR_RUN weights. Without
 * PQK_SPARSE_LONG_ROWS no run ends are written: the kernels trust the table's max_row_nnz, as they do in
 * choosing the assembly routines (a table that understates it gives wrong sums, never a wrong store).
 */
#define PQK_SPARSE_PAIRS_DECODE_FUNCTION(name, entry_bytes)                                                  \
    static pqk_status name(const pqk_sparse_table *table, uint8_t *e)                                        \
    {                                                                                                        \
        const pqk_sparse_table t = *table; /* the stores into the list could alias the table */              \
        int32_t weights_left = t.nnz;                                                                        \
        int32_t rows_left = t.rows - 1;                                                                      \
        int32_t run = 0; /* weights in the row's current run */                                              \
        (void)run;       /* unread without PQK_SPARSE_LONG_ROWS */                                           \
        PQK_SPARSE_DECODE_LOOP(t, PQK_SPARSE_PAIRS_EMIT_##entry_bytes, PQK_SPARSE_PAIRS_CLOSE_##entry_bytes); \
        do {                                                                                                 \
            PQK_SPARSE_PAIRS_CLOSE_##entry_bytes(); /* the last row, then the empty rows after it */         \
        } while (rows_left-- > 0);                                                                           \
        return PQK_OK;                                                                                       \
    }

#define PQK_SPARSE_PAIRS_PUT_2(k, w)                                                                         \
    do {                                                                                                     \
        e[0] = (uint8_t)(k);                                                                                 \
        e[1] = (uint8_t)(w);                                                                                 \
        e += 2;                                                                                              \
    } while (0)
#define PQK_SPARSE_PAIRS_PUT_3(k, w)                                                                         \
    do {                                                                                                     \
        e[0] = (uint8_t)(k);                                                                                 \
        e[1] = (uint8_t)((uint32_t)(k) >> 8);                                                                \
        e[2] = (uint8_t)(w);                                                                                 \
        e += 3;                                                                                              \
    } while (0)
#if PQK_SPARSE_LONG_ROWS
#define PQK_SPARSE_PAIRS_EMIT(n, position, weight)                                                           \
    do {                                                                                                     \
        if (run == PQK_SPARSE_PAIR_RUN) {                                                                    \
            PQK_SPARSE_PAIRS_PUT_##n(1, 0); /* the run ends, the row goes on */                              \
            run = 0;                                                                                         \
        }                                                                                                    \
        PQK_SPARSE_PAIRS_PUT_##n(position, weight);                                                          \
        run++;                                                                                               \
    } while (0)
#else
/* no runs: the table's rows have at most PQK_SPARSE_PAIR_RUN non-zeros (checked before decoding) */
#define PQK_SPARSE_PAIRS_EMIT(n, position, weight) PQK_SPARSE_PAIRS_PUT_##n(position, weight)
#endif /* PQK_SPARSE_LONG_ROWS */
#define PQK_SPARSE_PAIRS_EMIT_2(position, weight) PQK_SPARSE_PAIRS_EMIT(2, position, weight)
#define PQK_SPARSE_PAIRS_EMIT_3(position, weight) PQK_SPARSE_PAIRS_EMIT(3, position, weight)
#define PQK_SPARSE_PAIRS_CLOSE_2()                                                                           \
    do {                                                                                                     \
        PQK_SPARSE_PAIRS_PUT_2(0, 0);                                                                        \
        run = 0;                                                                                             \
    } while (0)
#define PQK_SPARSE_PAIRS_CLOSE_3()                                                                           \
    do {                                                                                                     \
        PQK_SPARSE_PAIRS_PUT_3(0, 0);                                                                        \
        run = 0;                                                                                             \
    } while (0)

PQK_SPARSE_PAIRS_DECODE_FUNCTION(pqk_sparse_decode_k8, 2)
#if PQK_SPARSE_WIDE_INDEX
PQK_SPARSE_PAIRS_DECODE_FUNCTION(pqk_sparse_decode_k16, 3)
#endif

pqk_status pqk_sparse_decode(const pqk_sparse_table *t, void *decoded)
{
    if (pqk_sparse_table_ok(t) != PQK_OK || (!PQK_SPARSE_LONG_ROWS && t->max_row_nnz > PQK_SPARSE_PAIR_RUN)) {
        return PQK_ERROR_ARGUMENT;
    }
#if PQK_SPARSE_WIDE_INDEX
    if (t->cols > 256) {
        return pqk_sparse_decode_k16(t, (uint8_t *)decoded);
    }
#endif
    return pqk_sparse_decode_k8(t, (uint8_t *)decoded);
}

#else /* !PQK_SPARSE_PAIRS */

pqk_status pqk_sparse_decode(const pqk_sparse_table *t, void *decoded)
{
    uint16_t *row_nnz;
    void *index;
    int8_t *weights;
    pqk_sparse_layout(t, decoded, &row_nnz, &index, &weights);
    return pqk_sparse_unpack(t, weights, index, row_nnz);
}

#endif /* PQK_SPARSE_PAIRS */
