/*
 * pqk_sparse_rows.h - the decoded-row scratch layout shared by the sparse convolution kernels.
 *
 * One decoded row of at most `capacity` non-zero weights, laid out in the caller's scratch as
 *   int32_t offset[capacity]  input index of the weight relative to the window origin (interior pixels)
 *   int16_t ky[capacity]      kernel row of the weight (holds the decoder's k index until converted)
 *   int16_t kx[capacity]      kernel column of the weight
 *   int8_t  value[capacity]   the weight
 * so 9 bytes per weight; the int32 array comes first so every array is naturally aligned when the
 * buffer is 4-byte aligned. Internal to the runtime.
 */
#ifndef PQK_SPARSE_ROWS_H
#define PQK_SPARSE_ROWS_H

#include <stdint.h>

#include "pqk_kernels.h"

#define PQK_SPARSE_ROW_BYTES_PER_WEIGHT 9

typedef struct {
    int32_t *offset;
    int16_t *ky;
    int16_t *kx;
    int8_t *value;
    int32_t capacity;
} pqk_sparse_row;

/* Scratch bytes for a decoded row of capacity weights, rounded up to 4 (at least 4). */
static inline int32_t pqk_sparse_row_buffer_size(int32_t capacity)
{
    const int32_t bytes = (capacity > 0 ? capacity : 0) * PQK_SPARSE_ROW_BYTES_PER_WEIGHT;
    return bytes < 4 ? 4 : (bytes + 3) & ~3;
}

/* Carves the arrays out of ctx. PQK_ERROR_SIZE when the scratch is missing or too small. */
static inline pqk_status pqk_sparse_row_init(pqk_sparse_row *row, const pqk_context *ctx, int32_t capacity)
{
    int8_t *base;
    if (ctx == 0 || ctx->buf == 0 || capacity < 0 || ctx->size < pqk_sparse_row_buffer_size(capacity)) {
        return PQK_ERROR_SIZE;
    }
    base = (int8_t *)ctx->buf;
    row->offset = (int32_t *)(void *)base;
    row->ky = (int16_t *)(void *)(base + 4 * capacity);
    row->kx = (int16_t *)(void *)(base + 6 * capacity);
    row->value = base + 8 * capacity;
    row->capacity = capacity;
    return PQK_OK;
}

#endif /* PQK_SPARSE_ROWS_H */
