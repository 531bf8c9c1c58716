/*
 * pqk_kernel_util.h - small inline helpers shared by the kernels (window clipping, argument checks,
 * output requantization). Internal to the runtime: generated model code does not call these.
 */
#ifndef PQK_KERNEL_UTIL_H
#define PQK_KERNEL_UTIL_H

#include <stdint.h>

#include "pqk_common.h"
#include "pqk_kernels.h"

/*
 * The taps t in [*first, *end) of a window starting at origin (may be negative: padding) whose
 * positions origin + t * dilation fall inside [0, extent). Computed once per output row/column so
 * the MAC loops need no bounds checks. *end <= *first means no tap is inside.
 */
static inline void pqk_window_range(int32_t origin, int32_t extent, int32_t taps, int32_t dilation,
                                    int32_t *first, int32_t *end)
{
    const int32_t room = extent - origin;
    int32_t last;
    *first = origin < 0 ? (-origin + dilation - 1) / dilation : 0;
    if (room <= 0) {
        *end = 0;
        return;
    }
    last = (room + dilation - 1) / dilation;
    *end = last < taps ? last : taps;
}

/*
 * Requantize an int32 accumulator, add the output offset, clamp to the activation: one int8 output.
 * The offset is added in 64 bits (pqk_requantize_to_range), as QuantMath.requantize does: a value
 * saturated next to INT32_MAX by an extreme multiplier clamps to the top instead of wrapping.
 */
static inline int8_t pqk_output_s8(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset,
                                   const pqk_activation *act)
{
    return (int8_t)pqk_requantize_to_range(acc, multiplier, shift, output_offset, act->min, act->max);
}

/* 1 when the shape is a batch-1 activation with positive sizes. */
static inline int pqk_dims_ok(const pqk_dims *d)
{
    return d->n == 1 && d->h > 0 && d->w > 0 && d->c > 0;
}

/* 1 when the activation range lies within int8 and is not empty. */
static inline int pqk_activation_ok(const pqk_activation *act)
{
    return act->min >= -128 && act->max <= 127 && act->min <= act->max;
}

/* 1 when strides and dilations are positive, padding is not negative and offsets fit int8 arithmetic. */
static inline int pqk_conv_params_ok(const pqk_conv_params *p)
{
    return p->stride.h > 0 && p->stride.w > 0 && p->dilation.h > 0 && p->dilation.w > 0
        && p->padding.h >= 0 && p->padding.w >= 0
        && p->input_offset >= -127 && p->input_offset <= 128
        && p->output_offset >= -128 && p->output_offset <= 127
        && pqk_activation_ok(&p->activation);
}

#endif /* PQK_KERNEL_UTIL_H */
