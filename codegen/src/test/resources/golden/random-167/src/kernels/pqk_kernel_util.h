/*
 * pqk_kernel_util.h - small inline helpers shared by the kernels: argument checks, window clipping,
 * the fast exact requantization, word reads and the DSP intrinsics. Internal to the runtime: generated
 * model code does not call these.
 */
#ifndef PQK_KERNEL_UTIL_H
#define PQK_KERNEL_UTIL_H

#include <stdint.h>
#include <string.h>

#include "pqk_common.h"
#include "pqk_kernels.h"

#if defined(__ARM_FEATURE_DSP) || defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif /* __ARM_FEATURE_DSP || __ARM_FEATURE_SAT */

/* ---- argument checks ------------------------------------------------------------------------ */

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

/* 1 when the input and output offsets are those of int8 zero points. */
static inline int pqk_offsets_ok(int32_t input_offset, int32_t output_offset)
{
    return input_offset >= -127 && input_offset <= 128 && output_offset >= -128 && output_offset <= 127;
}

/* 1 when strides and dilations are positive, padding is not negative and offsets fit int8 arithmetic. */
static inline int pqk_conv_params_ok(const pqk_conv_params *p)
{
    return p->stride.h > 0 && p->stride.w > 0 && p->dilation.h > 0 && p->dilation.w > 0
        && p->padding.h >= 0 && p->padding.w >= 0 && pqk_offsets_ok(p->input_offset, p->output_offset)
        && pqk_activation_ok(&p->activation);
}

/* 1 when ctx provides at least bytes of 8-byte-aligned scratch (any ctx when bytes is 0). */
static inline int pqk_context_ok(const pqk_context *ctx, int32_t bytes)
{
    if (bytes <= 0) {
        return 1;
    }
    return ctx != 0 && ctx->buf != 0 && ctx->size >= bytes && ((uintptr_t)ctx->buf & 7u) == 0u;
}

/* n rounded up to a multiple of 4. */
static inline int32_t pqk_align4(int32_t n)
{
    return (n + 3) & ~3;
}

/* n rounded up to a multiple of 8 (scratch parts stay 8-byte aligned). */
static inline int32_t pqk_align8(int32_t n)
{
    return (n + 7) & ~7;
}

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
 * Gathers the window of output pixel (oy, ox) into window[K_H * K_W * C_IN] (padding = pad_value): the
 * im2col row that the dense and the sparse convolutions both multiply.
 */
static inline void pqk_conv_gather_window(const pqk_conv_params *p, const pqk_dims *in_dims,
                                          const int8_t *input, int32_t k_h, int32_t k_w, int32_t oy, int32_t ox,
                                          int8_t pad_value, int8_t *window)
{
    const int32_t in_c = in_dims->c;
    const int32_t y0 = oy * p->stride.h - p->padding.h;
    const int32_t x0 = ox * p->stride.w - p->padding.w;
    const int32_t row_len = k_w * in_c;
    int32_t kx_first;
    int32_t kx_end;
    int32_t ky;
    pqk_window_range(x0, in_dims->w, k_w, p->dilation.w, &kx_first, &kx_end);
    for (ky = 0; ky < k_h; ky++) {
        const int32_t iy = y0 + ky * p->dilation.h;
        int8_t *const dst = window + ky * row_len;
        if (iy < 0 || iy >= in_dims->h || kx_end <= kx_first) {
            memset(dst, pad_value, (size_t)row_len);
            continue;
        }
        if (kx_first > 0) {
            memset(dst, pad_value, (size_t)(kx_first * in_c));
        }
        if (p->dilation.w == 1) {
            /* the in-bounds taps of a window row are one contiguous run of the input row */
            memcpy(dst + kx_first * in_c, input + (iy * in_dims->w + x0 + kx_first) * in_c,
                   (size_t)((kx_end - kx_first) * in_c));
        } else {
            int32_t kx;
            for (kx = kx_first; kx < kx_end; kx++) {
                memcpy(dst + kx * in_c, input + (iy * in_dims->w + x0 + kx * p->dilation.w) * in_c, (size_t)in_c);
            }
        }
        if (kx_end < k_w) {
            memset(dst + kx_end * in_c, pad_value, (size_t)((k_w - kx_end) * in_c));
        }
    }
}

/* ---- requantization --------------------------------------------------------------------------- */

/*
 * The general path: exactly QuantMath.requantize (any shift, saturation included), then the clamp.
 */
static inline int8_t pqk_output_s8(int32_t acc, const pqk_channel_quant *q, int32_t output_offset,
                                   const pqk_activation *act)
{
    return (int8_t)pqk_requantize_to_range(acc, q->multiplier, q->shift, output_offset, act->min, act->max);
}

/*
 * The fast path, for 2 <= e <= 22 (e = -shift) and multiplier >= 0, with the output offset folded in.
 * TFLite computes x = SRDHM(acc, m) = floor((acc*m + 2^30) / 2^31) (its nudge for negative products
 * gives the same floor), then y = RDBP(x, e) = floor((x + 2^(e-1) - [x < 0]) / 2^e). Nested floor
 * divisions combine, so
 *     y + zp = floor((acc*m + 2^30 + (2^(e-1) + zp*2^e - [x < 0]) * 2^31) / 2^(31+e)),
 * and [x < 0] may be replaced by [acc < 0]: they differ only when x = 0, where the -1 cannot change
 * the floor for e >= 1. With rounding = (2*zp + 1) * 2^(e-2) (the generator's pqk_channel_quant field):
 *  - plain cores: the 64-bit constant rounding * 2^32 + 2^30 - [acc < 0] * 2^31 and one SMLAL give the
 *    numerator; its high word shifted right by e - 1 is y + zp (no overflow: |acc*m| < 2^62);
 *  - DSP cores: SMMLAR(2*acc, m, 2*rounding) = 2*rounding + x exactly (SMMLAR rounds
 *    (a*b + 2^31) >> 32, and 2*acc*m + 2^31 = 2*(acc*m + 2^30)), so y + zp = (that + [acc < 0 ? -1 : 0])
 *    >> e: four instructions. This needs |acc| < 2^30, which the generator guarantees for every layer
 *    (see pqk_kernels.h); then |x| < 2^30 and |2*rounding| < 2^29, so nothing overflows.
 */
#if defined(__ARM_FEATURE_DSP)
static inline int32_t pqk_smmlar(int32_t a, int32_t b, int32_t acc)
{
#if defined(__GNUC__)
    int32_t r;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
#else
    return (int32_t)(((int64_t)acc * 4294967296LL + (int64_t)a * b + 0x80000000LL) >> 32);
#endif /* __GNUC__ */
}
#endif /* __ARM_FEATURE_DSP */

static inline int32_t pqk_requantize_fast(int32_t acc, int32_t multiplier, int32_t rounding, int32_t shift)
{
#if defined(__ARM_FEATURE_DSP)
    return (pqk_smmlar((int32_t)((uint32_t)acc << 1), multiplier, 2 * rounding) + (acc >> 31)) >> -shift;
#else
    const int32_t negative = acc >> 31; /* 0 or -1 */
    const uint32_t low = 0x40000000u + ((uint32_t)negative << 31);
    const int64_t constant = (int64_t)(rounding + negative) * 4294967296LL + (int64_t)low;
    const int64_t q = constant + (int64_t)acc * multiplier;
    return (int32_t)(q >> 32) >> (-shift - 1);
#endif /* __ARM_FEATURE_DSP */
}

/*
 * The fast path's rounding constant (2 * zp + 1) * 2^(e - 2) for e = -shift in 2..22, computed where a
 * channel's constants are loaded (a shift, no branch), so pqk_channel_quant does not store it. For other
 * shifts (the general path, which does not read it) the value is meaningless but defined.
 */
static inline int32_t pqk_quant_rounding(int32_t shift, int32_t output_offset)
{
    return (int32_t)((uint32_t)(2 * output_offset + 1) << ((uint32_t)(-shift - 2) & 31u));
}

/* 1 when every channel of the layer can use pqk_requantize_fast. */
static inline int pqk_quant_fast_ok(const pqk_channel_quant *q, int32_t channels, int32_t output_offset)
{
    int32_t c;
    (void)output_offset;
    for (c = 0; c < channels; c++) {
        const int32_t e = -q[c].shift;
        if (e < 2 || e > 22 || q[c].multiplier < 0) {
            return 0;
        }
    }
    return 1;
}

/* Clamp to the activation range and narrow to int8. */
static inline int8_t pqk_clamp_s8(int32_t v, int32_t lo, int32_t hi)
{
    v = v < lo ? lo : v;
    v = v > hi ? hi : v;
    return (int8_t)v;
}

/* Saturate to [-128, 127]: one SSAT on cores that have it. */
static inline int8_t pqk_sat_s8(int32_t v)
{
#if defined(__ARM_FEATURE_SAT)
    return (int8_t)__ssat(v, 8);
#else
    return pqk_clamp_s8(v, -128, 127);
#endif /* __ARM_FEATURE_SAT */
}

/*
 * How a kernel requantizes a layer, chosen once per call (pqk_requant_mode) so the inner loops carry no
 * test: the exact general path, the fast path with the activation clamp, or the fast path when the
 * activation is the whole int8 range (the clamp is then a single SSAT).
 */
enum {
    PQK_REQUANT_GENERAL = 0,
    PQK_REQUANT_FAST = 1,
    PQK_REQUANT_FAST_FULL_RANGE = 2
};

/*
 * PQK_REQUANT_MODES: the modes whose specialised loops are compiled (bit m for mode m; default all).
 * A generated project sets it to the modes its layers take, so that the copies no layer runs cost no
 * flash. A layer's mode that is not compiled falls back to a more general one with the same results
 * (the full range is the clamp to [-128, 127], and the fast path equals the general one); when the
 * general path is needed and not compiled, the kernel returns PQK_ERROR_ARGUMENT.
 */
#ifndef PQK_REQUANT_MODES
#define PQK_REQUANT_MODES 7
#endif
#define PQK_REQUANT_COMPILED(m) (((PQK_REQUANT_MODES) >> (m)) & 1)
/* The same for #if (where the enum constants are unknown): GENERAL = 0, FAST = 1, FAST_FULL_RANGE = 2. */
#define PQK_REQUANT_GENERAL_COMPILED ((PQK_REQUANT_MODES) & 1)
#define PQK_REQUANT_FAST_COMPILED (((PQK_REQUANT_MODES) >> 1) & 1)
#define PQK_REQUANT_FULL_RANGE_COMPILED (((PQK_REQUANT_MODES) >> 2) & 1)

static inline int32_t pqk_requant_mode(const pqk_channel_quant *q, int32_t channels, int32_t output_offset,
                                       const pqk_activation *act)
{
    if (!pqk_quant_fast_ok(q, channels, output_offset)) {
        return PQK_REQUANT_GENERAL;
    }
    if (act->min == -128 && act->max == 127 && PQK_REQUANT_COMPILED(PQK_REQUANT_FAST_FULL_RANGE)) {
        return PQK_REQUANT_FAST_FULL_RANGE;
    }
    return PQK_REQUANT_COMPILED(PQK_REQUANT_FAST) ? PQK_REQUANT_FAST : PQK_REQUANT_GENERAL;
}

/*
 * One output channel's requantization with its constants loaded once (for loops over pixels):
 * the fast path's multiplier, rounding word and right shift e - 1, or the general path's values.
 */
typedef struct {
    int32_t multiplier;
    int32_t rounding;
    int32_t shift;
    int32_t lo;
    int32_t hi;
    int32_t output_offset;
    int32_t fast_operand; /* DSP: 2 * rounding, the SMMLAR accumuland; plain: rounding */
    int32_t fast_shift;   /* DSP: e; plain: e - 1 */
} pqk_requant;

/* The requantization of one channel (act may be null: lo and hi are then left for the caller to set). */
static inline pqk_requant pqk_requant_of(const pqk_channel_quant *q, int32_t output_offset, const pqk_activation *act)
{
    pqk_requant r;
    r.multiplier = q->multiplier;
    r.rounding = pqk_quant_rounding(q->shift, output_offset);
    r.shift = q->shift;
    r.lo = act != 0 ? act->min : -128;
    r.hi = act != 0 ? act->max : 127;
    r.output_offset = output_offset;
#if defined(__ARM_FEATURE_DSP)
    r.fast_operand = 2 * r.rounding;
    r.fast_shift = -q->shift;
#else
    r.fast_operand = r.rounding;
    r.fast_shift = -q->shift - 1;
#endif /* __ARM_FEATURE_DSP */
    return r;
}

/*
 * The layer part of pqk_requant_of, for loops that load many channels' constants: output offset,
 * clamp, and in fast_operand the rounding constant's odd factor (2 * zp + 1, doubled on DSP cores).
 */
static inline pqk_requant pqk_requant_layer(int32_t output_offset, const pqk_activation *act)
{
    pqk_requant r = pqk_requant_of(&(const pqk_channel_quant){0, 0, -2}, output_offset, act);
    return r;
}

/* pqk_requant_of from a pqk_requant_layer: the channel's constants at two instructions more than a load. */
static inline pqk_requant pqk_requant_channel(const pqk_channel_quant *q, const pqk_requant *layer)
{
    pqk_requant r = *layer;
    r.multiplier = q->multiplier;
    r.shift = q->shift;
    r.fast_operand = (int32_t)((uint32_t)layer->fast_operand << ((uint32_t)(-q->shift - 2) & 31u));
#if defined(__ARM_FEATURE_DSP)
    r.fast_shift = -q->shift;
#else
    r.fast_shift = -q->shift - 1;
#endif /* __ARM_FEATURE_DSP */
    return r;
}

/* pqk_requantize_fast with a channel's precomputed operands. */
static inline int32_t pqk_requant_fast(int32_t acc, const pqk_requant *r)
{
#if defined(__ARM_FEATURE_DSP)
    return (pqk_smmlar((int32_t)((uint32_t)acc << 1), r->multiplier, r->fast_operand) + (acc >> 31)) >> r->fast_shift;
#else
    const int32_t negative = acc >> 31;
    const uint32_t low = 0x40000000u + ((uint32_t)negative << 31);
    const int64_t constant = (int64_t)(r->fast_operand + negative) * 4294967296LL + (int64_t)low;
    return (int32_t)((constant + (int64_t)acc * r->multiplier) >> 32) >> r->fast_shift;
#endif /* __ARM_FEATURE_DSP */
}

#if PQK_REQUANT_GENERAL_COMPILED
/*
 * The general requantization, out of line: only layers that the fast path cannot take run it, and
 * inlined into every unrolled copy of a loop it would cost kilobytes of flash.
 */
#if defined(__GNUC__)
__attribute__((noinline, unused)) static int8_t pqk_requant_general(int32_t acc, const pqk_requant *r)
#else
static inline int8_t pqk_requant_general(int32_t acc, const pqk_requant *r)
#endif
{
    return (int8_t)pqk_requantize_to_range(acc, r->multiplier, r->shift, r->output_offset, r->lo, r->hi);
}
#endif /* PQK_REQUANT_GENERAL_COMPILED */

/* One output in the given mode (a constant at most call sites after inlining; any compiled mode). */
static inline int8_t pqk_requant_apply(int32_t acc, const pqk_requant *r, const int32_t mode)
{
    if (PQK_REQUANT_FULL_RANGE_COMPILED && mode == PQK_REQUANT_FAST_FULL_RANGE) {
        return pqk_sat_s8(pqk_requant_fast(acc, r));
    }
#if PQK_REQUANT_GENERAL_COMPILED
    if (mode == PQK_REQUANT_FAST) {
        return pqk_clamp_s8(pqk_requant_fast(acc, r), r->lo, r->hi);
    }
    return pqk_requant_general(acc, r);
#else
    /* the kernels refuse the general mode when it is not compiled: the fast path with the clamp is
       right for both fast modes */
    (void)mode;
    return pqk_clamp_s8(pqk_requant_fast(acc, r), r->lo, r->hi);
#endif /* PQK_REQUANT_GENERAL_COMPILED */
}

/* One output in the given mode, straight from the channel's parameters. */
static inline int8_t pqk_requant_output(int32_t acc, const pqk_channel_quant *q, const int32_t mode,
                                        int32_t output_offset, const pqk_activation *act)
{
    const pqk_requant r = pqk_requant_of(q, output_offset, act);
    return pqk_requant_apply(acc, &r, mode);
}

/* Forces inlining of the few functions whose constant arguments select specialised loops. */
#if defined(__GNUC__)
#define PQK_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define PQK_ALWAYS_INLINE inline
#endif

/*
 * Calls body(m) with m the layer's requantization mode as a compile-time constant: up to three
 * specialised copies of a hot loop (those PQK_REQUANT_MODES compiles), chosen once per call.
 */
#define PQK_REQUANT_DISPATCH(mode, body)                                                                     \
    do {                                                                                                     \
        if (PQK_REQUANT_COMPILED(PQK_REQUANT_FAST_FULL_RANGE) && (mode) == PQK_REQUANT_FAST_FULL_RANGE) {    \
            body(PQK_REQUANT_FAST_FULL_RANGE);                                                               \
        } else if (PQK_REQUANT_COMPILED(PQK_REQUANT_FAST) && (mode) == PQK_REQUANT_FAST) {                   \
            body(PQK_REQUANT_FAST);                                                                          \
        } else if (PQK_REQUANT_COMPILED(PQK_REQUANT_GENERAL)) {                                             \
            body(PQK_REQUANT_GENERAL);                                                                       \
        }                                                                                                    \
    } while (0)

/*
 * An address the compiler must keep in one register: loads at fixed offsets from it then pair into
 * LDRD instead of two differently addressed LDRs (an empty asm statement, no instruction).
 */
#if defined(__GNUC__)
#define PQK_PIN_ADDRESS(p) __asm__("" : "+r"(p))
#else
#define PQK_PIN_ADDRESS(p) ((void)0)
#endif

/* ---- memory access ---------------------------------------------------------------------------- */

/* Four bytes as one word (memcpy: no alignment or aliasing assumption; one LDR on Cortex-M3 and up). */
static inline uint32_t pqk_read_u32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void pqk_write_u32(void *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

/*
 * Two words from an 8-byte-aligned address: one LDRD. (GCC pairs the loads only when it knows the
 * alignment; the kernels keep their int16 blocks 8-byte aligned for this.)
 */
#if defined(__GNUC__)
#define PQK_ASSUME_ALIGNED8(p) __builtin_assume_aligned((p), 8)
#else
#define PQK_ASSUME_ALIGNED8(p) (p)
#endif
static inline void pqk_read_2x32(const void *p, int32_t *first, int32_t *second)
{
    uint64_t v;
    memcpy(&v, PQK_ASSUME_ALIGNED8(p), 8);
    *first = (int32_t)(uint32_t)v;
    *second = (int32_t)(uint32_t)(v >> 32);
}

#if defined(__ARM_FEATURE_DSP)
/* Two int16 lanes both holding v (for SXTAB16 offsets). */
static inline int32_t pqk_dup16(int32_t v)
{
    return (int32_t)(((uint32_t)v & 0xFFFFu) | ((uint32_t)v << 16));
}

/*
 * Bytes 1 and 3 of x sign-extended to two int16 lanes: SXTB16 with its ROR #8 operand. GCC 12's
 * __sxtb16(__ror(x, 8)) costs a separate rotate, so on GCC the rotated form is written out (as
 * CMSIS-NN does); the value is the same either way.
 */
static inline int32_t pqk_sxtb16_ror8(int32_t x)
{
#if defined(__GNUC__)
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
#else
    return __sxtb16((int32_t)(((uint32_t)x >> 8) | ((uint32_t)x << 24)));
#endif /* __GNUC__ */
}

/* a + bytes 1 and 3 of x sign-extended, lane by lane: SXTAB16 with ROR #8. */
static inline int32_t pqk_sxtab16_ror8(int32_t a, int32_t x)
{
#if defined(__GNUC__)
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
    return r;
#else
    return __sxtab16(a, (int32_t)(((uint32_t)x >> 8) | ((uint32_t)x << 24)));
#endif /* __GNUC__ */
}
#endif /* __ARM_FEATURE_DSP */

#endif /* PQK_KERNEL_UTIL_H */
