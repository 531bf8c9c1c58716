/*
 * pqk_sparse_decode.c - row-by-row decoder of PQKS1 sparse weight tables (format: pqk_kernels.h).
 *
 * A bit reader with a 32-bit buffer: bytes are loaded LSB-first while at least 8 bits of room remain,
 * and gap/value fields (1..8 bits each) are taken from the low end. Rows come out in order; a weight
 * whose position falls into a later row is held back ("pending") until that row is asked for.
 * Bit-exact twin of io.pqkmcu.codegen.sparse.SparseTableDecoder.
 */
#include "pqk_kernels.h"

/* Reads an n-bit field (1..8). Returns -1 when the stream has fewer than n bits left. */
static int32_t pqk_read_bits(pqk_sparse_reader *r, int32_t n)
{
    uint32_t field;
    if (r->bit_count < n) {
        while (r->bit_count <= 24 && r->next < r->end) {
            r->bit_buffer |= (uint32_t)(*r->next) << r->bit_count;
            r->next++;
            r->bit_count += 8;
        }
        if (r->bit_count < n) {
            return -1;
        }
    }
    field = r->bit_buffer & ((1u << n) - 1u);
    r->bit_buffer >>= n;
    r->bit_count -= n;
    return (int32_t)field;
}

pqk_status pqk_sparse_reader_init(pqk_sparse_reader *reader, const pqk_sparse_table *table)
{
    if (table->gap_bits < 1 || table->gap_bits > 8 || table->value_bits < 1 || table->value_bits > 8
        || table->value_base < 1 || table->value_base > 127 || table->rows <= 0 || table->cols <= 0
        || table->cols > 32767 || table->entries < 0 || table->stream_bytes < 0
        || (table->stream_bytes > 0 && table->stream == 0)) {
        return PQK_ERROR_ARGUMENT;
    }
    reader->table = table;
    reader->next = table->stream;
    reader->end = table->stream + table->stream_bytes;
    reader->bit_buffer = 0;
    reader->bit_count = 0;
    reader->entries_left = table->entries;
    reader->position = 0;
    reader->row = 0;
    reader->pending = 0;
    reader->pending_value = 0;
    return PQK_OK;
}

pqk_status pqk_sparse_decode_row(pqk_sparse_reader *reader, int16_t *k_index, int8_t *value, int32_t capacity,
                                 int32_t *count)
{
    const pqk_sparse_table *t = reader->table;
    const int32_t escape = (1 << t->gap_bits) - 1;
    const int32_t total = t->rows * t->cols;
    const int32_t row_start = reader->row * t->cols;
    const int32_t row_end = row_start + t->cols;
    int32_t n = 0;

    if (reader->row >= t->rows) {
        return PQK_ERROR_ARGUMENT;
    }
    for (;;) {
        if (!reader->pending) {
            int32_t gap;
            int32_t code;
            int32_t magnitude;
            if (reader->entries_left == 0) {
                break;
            }
            gap = pqk_read_bits(reader, t->gap_bits);
            if (gap < 0) {
                return PQK_ERROR_ARGUMENT;
            }
            reader->entries_left--;
            if (gap == escape) {
                reader->position += escape;
                if (reader->position >= total) {
                    return PQK_ERROR_ARGUMENT; /* a valid stream only escapes towards a later weight */
                }
                continue;
            }
            reader->position += gap;
            code = pqk_read_bits(reader, t->value_bits);
            magnitude = t->value_base + (code >> 1);
            if (code < 0 || magnitude > 127 || reader->position >= total) {
                return PQK_ERROR_ARGUMENT;
            }
            reader->pending_value = (int8_t)((code & 1) ? -magnitude : magnitude);
            reader->pending = 1;
        }
        if (reader->position >= row_end) {
            break;
        }
        if (n >= capacity) {
            return PQK_ERROR_SIZE;
        }
        k_index[n] = (int16_t)(reader->position - row_start);
        value[n] = reader->pending_value;
        n++;
        reader->position++;
        reader->pending = 0;
    }
    reader->row++;
    *count = n;
    return PQK_OK;
}
