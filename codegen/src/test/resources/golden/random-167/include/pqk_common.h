/*
 * pqk_common.h - status codes and the int8 requantization arithmetic shared by every kernel.
 *
 * These functions are the C twins of io.pqkmcu.trainer.quant.QuantMath; the Java int8 interpreter,
 * this file and the firmware must agree bit for bit, so change both or neither.
 * Integer-only, C99, no allocation.
 */
#ifndef PQK_COMMON_H
#define PQK_COMMON_H

#include <stdint.h>

typedef enum {
    PQK_OK = 0,
    PQK_ERROR_ARGUMENT = -1,  /* a dimension or parameter the kernel does not support */
    PQK_ERROR_SIZE = -2       /* caller-provided scratch is too small */
} pqk_status;

/* (a * b * 2 + 2^31) >> 32 with round-half-away; saturates the single overflow case. */
static inline int32_t pqk_sat_rounding_doubling_high_mul(int32_t a, int32_t b)
{
    int64_t ab;
    int64_t nudge;
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;
    nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    /* C99 division truncates toward zero, as Java's does; gcc emits shifts for this constant. */
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/* Divide by 2^exponent (0..31), rounding half away from zero. */
static inline int32_t pqk_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)((((uint32_t)1) << exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * 2^s saturated to int32 (s in 0..30). */
static inline int32_t pqk_saturating_left_shift(int32_t x, int32_t s)
{
    const int64_t v = (int64_t)x * ((int64_t)1 << s);
    if (v > INT32_MAX) {
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        return INT32_MIN;
    }
    return (int32_t)v;
}

/* TFLite MultiplyByQuantizedMultiplier: shift > 0 shifts left, shift < 0 divides with rounding. */
static inline int32_t pqk_requantize(int32_t acc, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    return pqk_rounding_divide_by_pot(
        pqk_sat_rounding_doubling_high_mul(pqk_saturating_left_shift(acc, left), multiplier), right);
}

static inline int32_t pqk_clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/* Requantize, add the output zero point in 64 bits (a saturated value must clamp, not wrap), clamp. */
static inline int32_t pqk_requantize_to_range(int32_t acc, int32_t multiplier, int32_t shift, int32_t zero_point,
                                              int32_t lo, int32_t hi)
{
    const int64_t v = (int64_t)pqk_requantize(acc, multiplier, shift) + zero_point;
    return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

#endif /* PQK_COMMON_H */
