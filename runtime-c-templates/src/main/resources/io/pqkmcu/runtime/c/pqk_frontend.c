/*
 * pqk_frontend.c - integer MFCC / log-mel audio front end, version 1 (see pqk_frontend.h for the
 * algorithm). The C twin of io.pqkmcu.trainer.frontend.AudioFrontEnd, FixedFft and FixedLog2: every
 * step is written the same way in both languages so that they agree bit for bit; change both or
 * neither. Integer-only, C99, no allocation, no static state: all working memory is the caller's scratch.
 */
#include "pqk_frontend.h"
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#define PQK_FRONTEND_DSP 1
#else
#define PQK_FRONTEND_DSP 0
#endif
/* DSP instructions that ACLE lacks or GCC does not select (PKHBT, SSUB16 + SEL), as inline assembly. */
#if PQK_FRONTEND_DSP && defined(__GNUC__)
#define PQK_FRONTEND_DSP_ASM 1
#else
#define PQK_FRONTEND_DSP_ASM 0
#endif

/* The algorithm floors with >> on negative values, as Java's >> does. C99 leaves that to the
 * implementation (gcc, clang and Arm's compilers shift arithmetically); refuse to build elsewhere. */
typedef char pqk_frontend_requires_arithmetic_shift_32[((int32_t)-3 >> 1) == -2 ? 1 : -1];
typedef char pqk_frontend_requires_arithmetic_shift_64[((int64_t)-3 >> 1) == -2 ? 1 : -1];

/*
 * PQK_FRONTEND_FFT_KINDS: the FFT kinds compiled (bit k for pqk_frontend_fft_kind k; default both). A
 * generated project passes its model's kind only (KernelPaths), so the other FFT costs no flash; a config
 * of a kind not compiled is refused like a corrupt one.
 */
#ifndef PQK_FRONTEND_FFT_KINDS
#define PQK_FRONTEND_FFT_KINDS 3
#endif
#define PQK_FRONTEND_COMPLEX_COMPILED ((PQK_FRONTEND_FFT_KINDS) & 1)    /* PQK_FRONTEND_FFT_COMPLEX = 0 */
#define PQK_FRONTEND_REAL_COMPILED (((PQK_FRONTEND_FFT_KINDS) >> 1) & 1) /* PQK_FRONTEND_FFT_REAL = 1 */

/* A branch GCC should lay out as the rare one (else it hoisted part of the scaling above the test of the
 * REAL FFT's load loop, five instructions a group that the usual scale 1 does not need). */
#if defined(__GNUC__)
#define PQK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define PQK_UNLIKELY(x) (x)
#endif

/* ------------------------------------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------------------------------- */

/* Index of the highest set bit of v >= 1 (0..63): CLZ where the compiler has it (smaller and faster: it
 * runs for every mel band), else a binary search. */
static int32_t pqk_top_bit64(uint64_t v)
{
#if defined(__GNUC__)
    return 63 - __builtin_clzll(v);
#else
    int32_t n = 0;
    if (v >> 32) { v >>= 32; n += 32; }
    if (v >> 16) { v >>= 16; n += 16; }
    if (v >> 8) { v >>= 8; n += 8; }
    if (v >> 4) { v >>= 4; n += 4; }
    if (v >> 2) { v >>= 2; n += 2; }
    if (v >> 1) { n += 1; }
    return n;
#endif
}

#if PQK_FRONTEND_COMPLEX_COMPILED
/* Puts x[n] (n a power of two) in bit-reversed order by swaps (FixedFft.bitReversePermute): j walks the
 * bit-reversed counter incrementally, O(n) in total, no table. */
static void pqk_bit_reverse_permute(int32_t *x, int32_t n)
{
    int32_t i;
    int32_t j = 0;
    for (i = 0; i < n - 1; i++) {
        int32_t k = n >> 1;
        if (i < j) {
            const int32_t t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        while (k <= j) {
            j -= k;
            k >>= 1;
        }
        j += k;
    }
}

#endif /* PQK_FRONTEND_COMPLEX_COMPILED */

/* log2(v) in Q16 for v >= 1 (FixedLog2.log2Q16). n <= 63, so the result is below 2^22. */
static int32_t pqk_log2_q16(uint64_t v, const uint16_t *table)
{
    const int32_t n = pqk_top_bit64(v);
    /* The 16 bits below the leading one: the mantissa's fraction, truncated. */
    const int32_t t = (int32_t)((n >= 16 ? v >> (n - 16) : v << (16 - n)) & 0xFFFFu);
    const int32_t idx = t >> 8;
    const int32_t fr = t & 0xFF;
    /* Table steps are below 2^9 and fr below 2^8: the product stays far inside int32. The table holds
     * its values modulo 2^16 (the last, 65536, as 0), so the step is taken modulo 2^16 too. */
    const int32_t t0 = table[idx];
    const int32_t step = (table[idx + 1] - t0) & 0xFFFF;
    return n * 65536 + t0 + ((step * fr + 128) >> 8);
}

/* int32 words of scratch the spectrum takes: re[N] + im[N], or the REAL FFT's x[N/2 + 1] + z[N/2]. */
static int32_t pqk_frontend_fft_words(const pqk_frontend_config *cfg)
{
    return cfg->fft_kind == PQK_FRONTEND_FFT_REAL ? cfg->fft_size + 1 : 2 * cfg->fft_size;
}

#if PQK_FRONTEND_COMPLEX_COMPILED
/* ------------------------------------------------------------------------------------------------
 * FFT (FixedFft.transform)
 * Let B bound the modulus of every element before a stage: the rounded rotation has modulus
 * <= B + 0.71, the halved sum/difference <= B + 0.36, the floors add < 1.42, so B grows by < 2 a stage.
 * From |x| <= 2^14 and at most 12 stages every value stays below 2^14 + 24; products < 2^29.01.
 * ---------------------------------------------------------------------------------------------- */

static void pqk_fft_q15(int32_t *re, int32_t *im, int32_t log2n, const int16_t *cos_q15, const int16_t *sin_q15)
{
    const int32_t n = (int32_t)1 << log2n;
    int32_t h;
    for (h = 1; h < n; h <<= 1) {
        const int32_t step = n / (2 * h);
        int32_t j;
        /* Butterflies of one stage are independent: looping over the twiddle first loads each twiddle
         * once per stage instead of once per butterfly, with results identical to FixedFft's order. */
        for (j = 0; j < h; j++) {
            /* 32-bit products suffice (each |product| < 2^29.01, so the sums stay below 2^31) and cost
             * a single MUL/MLA on Cortex-M instead of 64-bit multiply-accumulates and shifts. */
            const int32_t wr = cos_q15[j * step];
            const int32_t wi = sin_q15[j * step];
            int32_t a;
            for (a = j; a < n; a += 2 * h) {
                const int32_t b = a + h;
                const int32_t br = re[b];
                const int32_t bi = im[b];
                const int32_t tr = (br * wr - bi * wi + (1 << 14)) >> 15;
                const int32_t ti = (br * wi + bi * wr + (1 << 14)) >> 15;
                const int32_t ar = re[a];
                const int32_t ai = im[a];
                re[a] = (ar + tr) >> 1;
                im[a] = (ai + ti) >> 1;
                re[b] = (ar - tr) >> 1;
                im[b] = (ai - ti) >> 1;
            }
        }
    }
}

#endif /* PQK_FRONTEND_COMPLEX_COMPILED */

#if PQK_FRONTEND_REAL_COMPILED
/* ------------------------------------------------------------------------------------------------
 * REAL FFT (FixedFft.realSpectrum): the window packed as z[m] = x[2m] + i x[2m+1] into 32-bit words,
 * real part in the low half, imaginary in the high half (every value fits int16: see the bounds there),
 * an N/2-point complex FFT in place, then the split step. On cores with the DSP extension each helper
 * below is one or two instructions (halving SIMD adds, dual 16-bit multiply-accumulates); elsewhere the
 * plain C computes exactly the same integers. The halving adds floor, as >> 1 does in Java.
 * ---------------------------------------------------------------------------------------------- */

static uint32_t pqk_pack(int32_t re, int32_t im)
{
    return ((uint32_t)re & 0xFFFFu) | ((uint32_t)im << 16);
}

static int32_t pqk_re(uint32_t z)
{
    return (int32_t)(int16_t)(z & 0xFFFFu);
}

static int32_t pqk_im(uint32_t z)
{
    return (int32_t)z >> 16;
}

#if PQK_FRONTEND_DSP
/* (a + b) / 2 and (a - b) / 2 per half: SHADD16, SHSUB16. */
#define pqk_half_add(a, b) ((uint32_t)__shadd16((int32_t)(a), (int32_t)(b)))
#define pqk_half_sub(a, b) ((uint32_t)__shsub16((int32_t)(a), (int32_t)(b)))
/* (a - i b) / 2 and (a + i b) / 2: SHSAX, SHASX. */
#define pqk_half_add_minus_i(a, b) ((uint32_t)__shsax((int32_t)(a), (int32_t)(b)))
#define pqk_half_add_plus_i(a, b) ((uint32_t)__shasx((int32_t)(a), (int32_t)(b)))
/* re^2 + im^2: SMUAD. */
#define pqk_power(x) (__smuad((int32_t)(x), (int32_t)(x)))
#else
static uint32_t pqk_half_add(uint32_t a, uint32_t b)
{
    return pqk_pack((pqk_re(a) + pqk_re(b)) >> 1, (pqk_im(a) + pqk_im(b)) >> 1);
}

static uint32_t pqk_half_sub(uint32_t a, uint32_t b)
{
    return pqk_pack((pqk_re(a) - pqk_re(b)) >> 1, (pqk_im(a) - pqk_im(b)) >> 1);
}

static uint32_t pqk_half_add_minus_i(uint32_t a, uint32_t b)
{
    return pqk_pack((pqk_re(a) + pqk_im(b)) >> 1, (pqk_im(a) - pqk_re(b)) >> 1);
}

static uint32_t pqk_half_add_plus_i(uint32_t a, uint32_t b)
{
    return pqk_pack((pqk_re(a) - pqk_im(b)) >> 1, (pqk_im(a) + pqk_re(b)) >> 1);
}

static int32_t pqk_power(uint32_t x)
{
    return pqk_re(x) * pqk_re(x) + pqk_im(x) * pqk_im(x);
}
#endif

/* b * w rounded per component, w = (cos, -sin) packed: |b| < 23200 and |w| < 2^15, so every sum of two
 * products stays below 2^30 (SMLSD / SMLADX with the rounding constant as accumulator). */
static uint32_t pqk_rotate(uint32_t b, uint32_t w)
{
#if PQK_FRONTEND_DSP
    const int32_t re = __smlsd((int32_t)b, (int32_t)w, 1 << 14);
    const int32_t im = __smladx((int32_t)b, (int32_t)w, 1 << 14);
#else
    const int32_t re = pqk_re(b) * pqk_re(w) - pqk_im(b) * pqk_im(w) + (1 << 14);
    const int32_t im = pqk_re(b) * pqk_im(w) + pqk_im(b) * pqk_re(w) + (1 << 14);
#endif
    /* pqk_pack(re >> 15, im >> 15): bits 15..30 of im are the high half. On DSP cores one PKHBT after the
     * shift of re (GCC emits UBFX, AND and ORR for the C): one instruction fewer a butterfly and a bin. */
#if PQK_FRONTEND_DSP_ASM
    uint32_t packed;
    __asm__("pkhbt %0, %1, %2, lsl #1" : "=r"(packed) : "r"(re >> 15), "r"(im));
    return packed;
#else
    return pqk_pack(re >> 15, im >> 15);
#endif
}

/*
 * The next load group's source: q reversed over `bits` bits (q < 2^bits), computed rather than read from
 * a table. Cores with RBIT (Thumb-2: M3, M4, M7, M33, M55) reverse q directly, shifting right by 32 - bits
 * (LSR by a register gives 0 for 32, where C's >> would be undefined); elsewhere p, q - 1 reversed, is
 * incremented from its top bit down.
 */
#if defined(__GNUC__) && defined(__ARM_ARCH_ISA_THUMB) && __ARM_ARCH_ISA_THUMB >= 2
static inline int32_t pqk_reversed_next(int32_t q, int32_t p, int32_t bits)
{
    int32_t r;
    (void)p;
    __asm__("rbit %0, %1\n\tlsr %0, %0, %2" : "=&r"(r) : "r"(q), "r"(32 - bits));
    return r;
}
#else
static inline int32_t pqk_reversed_next(int32_t q, int32_t p, int32_t bits)
{
    int32_t k = (int32_t)1 << bits >> 1;
    (void)q;
    while ((p & k) != 0) {
        p ^= k;
        k >>= 1;
    }
    return p | k;
}
#endif

/* One butterfly of a stage of half-size h: z[0], z[h] = (z[0] + w z[h]) / 2, (z[0] - w z[h]) / 2. */
static inline void pqk_butterfly(uint32_t *z, int32_t h, uint32_t w)
{
    const uint32_t za = z[0];
    const uint32_t t = pqk_rotate(z[h], w);
    z[0] = pqk_half_add(za, t);
    z[h] = pqk_half_sub(za, t);
}

/* x: M packed words of the normalised window (x[2m] low, x[2m+1] high) scaled here by `scale`
 * (2^shift, shift in [0, 13]); z: the M-point FFT of x / M. */
static void pqk_fft_half(const pqk_frontend_config *cfg, const uint32_t *x, int32_t scale, uint32_t *z)
{
    const int32_t m = cfg->fft_size >> 1;
    const int32_t quarter = m >> 2;
    const int32_t bits = cfg->fft_log2 - 3; /* quarter = 2^bits */
    const uint32_t *tw = cfg->twiddle;
    int32_t q;
    int32_t p;
    int32_t h;
    /* Stages 1 and 2 (twiddles 1 and -i) while loading in bit-reversed order: group q reads p, q
     * reversed over log2(N) - 3 bits (FixedFft's table). */
    for (q = 0, p = 0; q < quarter; q++, p = pqk_reversed_next(q, p, bits)) {
        uint32_t d0 = x[p];
        uint32_t d1 = x[p + 2 * quarter];
        uint32_t d2 = x[p + quarter];
        uint32_t d3 = x[p + 3 * quarter];
        uint32_t u0;
        uint32_t u1;
        uint32_t u2;
        uint32_t u3;
        uint32_t *o = z + 4 * q;
        if (PQK_UNLIKELY(scale != 1)) {
            /* |x * scale| <= 2^14: each half stays in its 16 bits (SMULBB / SMULTB on DSP cores). */
            d0 = pqk_pack(pqk_re(d0) * scale, pqk_im(d0) * scale);
            d1 = pqk_pack(pqk_re(d1) * scale, pqk_im(d1) * scale);
            d2 = pqk_pack(pqk_re(d2) * scale, pqk_im(d2) * scale);
            d3 = pqk_pack(pqk_re(d3) * scale, pqk_im(d3) * scale);
        }
        u0 = pqk_half_add(d0, d1);
        u1 = pqk_half_sub(d0, d1);
        u2 = pqk_half_add(d2, d3);
        u3 = pqk_half_sub(d2, d3);
        o[0] = pqk_half_add(u0, u2);
        o[2] = pqk_half_sub(u0, u2);
        o[1] = pqk_half_add_minus_i(u1, u3);
        o[3] = pqk_half_add_plus_i(u1, u3);
    }
    /* Stages h = 4 .. M/2: the twiddle of j = 0 is exactly 1; W_M^(j M / 2h) is entry j N / 2h. */
    for (h = 4; h < m; h <<= 1) {
        const int32_t step = cfg->fft_size / (2 * h);
        int32_t j;
        int32_t a;
        for (a = 0; a < m; a += 2 * h) {
            const uint32_t za = z[a];
            const uint32_t zb = z[a + h];
            z[a] = pqk_half_add(za, zb);
            z[a + h] = pqk_half_sub(za, zb);
        }
        if (m / (2 * h) > 4) {
            /* many groups: each twiddle loaded once, for all its butterflies */
            for (j = 1; j < h; j++) {
                const uint32_t w = tw[j * step];
                for (a = j; a < m; a += 2 * h) {
                    pqk_butterfly(z + a, h, w);
                }
            }
        } else {
            /* the last stages, four groups or fewer: group by group, the twiddle read at each butterfly,
             * rather than pay the twiddle loop's overhead for one to four butterflies (the butterflies
             * of a stage are independent, so the order does not change a bit) */
            for (a = 0; a < m; a += 2 * h) {
                const uint32_t *w = tw + step;
                uint32_t *zj = z + a + 1;
                uint32_t *const z_end = z + a + h;
                for (; zj != z_end; zj++, w += step) {
                    pqk_butterfly(zj, h, *w);
                }
            }
        }
    }
}

/* Split step: power[k] = |X[k]|^2 for k < spectrum_bins, X[k] = (a - i W^k d) / 2 with
 * a = (Z[k] + conj Z[M-k]) / 2 and d = (Z[k] - conj Z[M-k]) / 2. */
static void pqk_split_power(const pqk_frontend_config *cfg, const uint32_t *z, int32_t *power)
{
    const int32_t m = cfg->fft_size >> 1;
    const int32_t bins = cfg->spectrum_bins;
    const uint32_t *tw = cfg->twiddle;
    int32_t k;
    for (k = 0; k < bins; k++) {
        const uint32_t zk = z[k & (m - 1)];
        const uint32_t zm = z[(m - k) & (m - 1)];
#if PQK_FRONTEND_DSP
        /* With Z[M-k]'s halves swapped, SHSAX gives ((re + re') / 2, (im - im') / 2) = a, SHASX d. */
        const uint32_t swapped = (zm >> 16) | (zm << 16);
        const uint32_t a = (uint32_t)__shsax((int32_t)zk, (int32_t)swapped);
        const uint32_t d = (uint32_t)__shasx((int32_t)zk, (int32_t)swapped);
#else
        const uint32_t a = pqk_pack((pqk_re(zk) + pqk_re(zm)) >> 1, (pqk_im(zk) - pqk_im(zm)) >> 1);
        const uint32_t d = pqk_pack((pqk_re(zk) - pqk_re(zm)) >> 1, (pqk_im(zk) + pqk_im(zm)) >> 1);
#endif
        const uint32_t x = pqk_half_add_minus_i(a, pqk_rotate(d, tw[k]));
        power[k] = pqk_power(x);
    }
}

#endif /* PQK_FRONTEND_REAL_COMPILED */

/* ------------------------------------------------------------------------------------------------
 * One frame (AudioFrontEnd.frame + dct)
 * ---------------------------------------------------------------------------------------------- */

#if PQK_FRONTEND_COMPLEX_COMPILED
/* x = the windowed sample s * wv in Q15, stored at *out; returns max(max, |x|). */
static inline int32_t pqk_window_sample(int32_t s, int32_t wv, int32_t *out, int32_t max)
{
    const int32_t x = (s * wv + (1 << 14)) >> 15;
    const int32_t ax = x < 0 ? -x : x;
    *out = x;
    return ax > max ? ax : max;
}

/* Steps 1-4, COMPLEX FFT (front end version 1). scratch: re[N], im[N]; returns the normalisation shift
 * and leaves the power of bins 0..spectrum_bins-1 in im[]. */
static int32_t pqk_spectrum_complex(const pqk_frontend_config *cfg, const int16_t *audio, int32_t *scratch)
{
    const int32_t n = cfg->fft_size;
    const int32_t w = cfg->window_samples;
    const int16_t *window = cfg->window;
    const int32_t ascending = w / 2 + 1 < w ? w / 2 + 1 : w; /* samples that read the table forwards */
    int32_t *re = scratch;
    int32_t *im = scratch + n;
    int32_t max = 0;
    int32_t shift = 0;
    int32_t i;

    /* 1. Window: |s * w| <= 2^15 * 32767 < 2^30, so x is in [-32768, 32767]. The table is the first
     * half: w[i] up to i = w / 2 (+ 1), then w[w - i]. */
    for (i = 0; i < ascending; i++) {
        max = pqk_window_sample(audio[i], window[i], &re[i], max);
    }
    for (; i < w; i++) {
        max = pqk_window_sample(audio[i], window[w - i], &re[i], max);
    }
    for (i = w; i < n; i++) {
        re[i] = 0;
    }
    for (i = 0; i < n; i++) {
        im[i] = 0;
    }

    /* 2. Block normalisation: the top bit of max goes to bit 13; afterwards |x| <= 2^14. */
    if (max != 0) {
        shift = 13 - pqk_top_bit64((uint64_t)max);
        shift = shift < -2 ? -2 : (shift > 15 ? 15 : shift);
    }
    if (shift > 0) {
        const int32_t scale = (int32_t)1 << shift;
        for (i = 0; i < w; i++) {
            re[i] *= scale;
        }
    } else if (shift < 0) {
        const int32_t r = -shift;
        const int32_t half = (int32_t)1 << (r - 1);
        for (i = 0; i < w; i++) {
            re[i] = (re[i] + half) >> r;
        }
    }

    /* 3. FFT: bit-reversal permutation (im is all zero, so only re moves), then the stages. */
    pqk_bit_reverse_permute(re, n);
    pqk_fft_q15(re, im, cfg->fft_log2, cfg->twiddle_cos, cfg->twiddle_sin);

    /* 4. Power: every |value| < 2^14 + 24, so r^2 + q^2 < 2^28.01 fits 32 bits. */
    for (i = 0; i < cfg->spectrum_bins; i++) {
        im[i] = re[i] * re[i] + im[i] * im[i];
    }
    return shift;
}

#endif /* PQK_FRONTEND_COMPLEX_COMPILED */

#if PQK_FRONTEND_REAL_COMPILED
/* Samples i, i + 1 of the window (locals of pqk_spectrum_real) with window values w0, w1. On DSP cores
 * the pair is packed with PKHBT and the running extremes are packed pairs too (SSUB16 sets the GE flags
 * per half, SEL takes the larger or smaller half): four instructions where the scalar compares take
 * eight; pqk_spectrum_real folds the halves after the window loops. Both give the same max and min. */
#if PQK_FRONTEND_DSP_ASM
#define PQK_WINDOW_PAIR(w0, w1)                                                                              \
    do {                                                                                                     \
        const int32_t x0 = ((int32_t)audio[i] * (w0) + (1 << 14)) >> 15;                                     \
        const int32_t x1 = ((int32_t)audio[i + 1] * (w1) + (1 << 14)) >> 15;                                 \
        uint32_t pair;                                                                                       \
        uint32_t t;                                                                                          \
        __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(pair) : "r"(x0), "r"(x1));                                \
        __asm__("ssub16 %[t], %[p], %[mx]\n\tsel %[mx], %[p], %[mx]\n\t"                                     \
                "ssub16 %[t], %[mn], %[p]\n\tsel %[mn], %[p], %[mn]"                                          \
                : [mx] "+r"(pair_max), [mn] "+r"(pair_min), [t] "=&r"(t)                                     \
                : [p] "r"(pair)                                                                              \
                : "cc");                                                                                     \
        x[i >> 1] = pair;                                                                                    \
    } while (0)
#else
#define PQK_WINDOW_PAIR(w0, w1)                                                                              \
    do {                                                                                                     \
        const int32_t x0 = ((int32_t)audio[i] * (w0) + (1 << 14)) >> 15;                                     \
        const int32_t x1 = ((int32_t)audio[i + 1] * (w1) + (1 << 14)) >> 15;                                 \
        max = x0 > max ? x0 : max;                                                                           \
        min = x0 < min ? x0 : min;                                                                           \
        max = x1 > max ? x1 : max;                                                                           \
        min = x1 < min ? x1 : min;                                                                           \
        x[i >> 1] = pqk_pack(x0, x1);                                                                        \
    } while (0)
#endif

/* Steps 1-4, REAL FFT (version 2). scratch: x / power [N/2 + 1], z [N/2]; returns the normalisation
 * shift and leaves the power of bins 0..spectrum_bins-1 at scratch[0]. */
static int32_t pqk_spectrum_real(const pqk_frontend_config *cfg, const int16_t *audio, int32_t *scratch)
{
    const int32_t m = cfg->fft_size >> 1;
    const int32_t w = cfg->window_samples;
    const int16_t *window = cfg->window;
    uint32_t *x = (uint32_t *)(void *)scratch;
    uint32_t *z = x + m + 1;
    /* pairs (i, i + 1) with i + 1 <= w / 2 + 1 and < w read the table forwards */
    const int32_t ascending = w - 1 < w / 2 + 1 ? w - 1 : w / 2 + 1;
    int32_t max = 0;
    int32_t min = 0;
    int32_t shift = 0;
    int32_t i;
#if PQK_FRONTEND_DSP_ASM
    uint32_t pair_max = 0;
    uint32_t pair_min = 0;
#endif

    /* 1. Window, two samples to a word; max |x| = max(max, -min). The table is the first half, entries
     * 0 .. w / 2 + 1: pairs up to there read it forwards, the rest backwards (w[i] = w[w - i]). */
    for (i = 0; i < ascending; i += 2) {
        PQK_WINDOW_PAIR(window[i], window[i + 1]);
    }
    for (; i + 1 < w; i += 2) {
        PQK_WINDOW_PAIR(window[w - i], window[w - i - 1]);
    }
#if PQK_FRONTEND_DSP_ASM
    max = pqk_re(pair_max) > pqk_im(pair_max) ? pqk_re(pair_max) : pqk_im(pair_max);
    min = pqk_re(pair_min) < pqk_im(pair_min) ? pqk_re(pair_min) : pqk_im(pair_min);
#endif
    if (i < w) {
        const int32_t x0 = ((int32_t)audio[i] * window[i <= w / 2 + 1 ? i : w - i] + (1 << 14)) >> 15;
        max = x0 > max ? x0 : max;
        min = x0 < min ? x0 : min;
        x[i >> 1] = pqk_pack(x0, 0);
        i += 2;
    }
    for (i >>= 1; i < m; i++) {
        x[i] = 0;
    }
    max = -min > max ? -min : max;

    /* 2. Block normalisation as in the COMPLEX path; a left shift is applied while loading the FFT. */
    if (max != 0) {
        shift = 13 - pqk_top_bit64((uint64_t)max);
        shift = shift < -2 ? -2 : (shift > 15 ? 15 : shift);
    }
    if (shift < 0) {
        const int32_t r = -shift;
        const int32_t half = (int32_t)1 << (r - 1);
        for (i = 0; i < m; i++) {
            x[i] = pqk_pack((pqk_re(x[i]) + half) >> r, (pqk_im(x[i]) + half) >> r);
        }
    }

    /* 3-4. FFT and split; the power overwrites the window. */
    pqk_fft_half(cfg, x, shift > 0 ? (int32_t)1 << shift : 1, z);
    pqk_split_power(cfg, z, scratch);
    return shift;
}

#endif /* PQK_FRONTEND_REAL_COMPILED */

/* Steps 1-7 for the frame starting at `audio`; writes features_per_frame Q10 values to `out`.
 * scratch: pqk_frontend_fft_words(cfg) words for the spectrum, then log_mel[mel_bins]. */
static void pqk_frontend_frame(const pqk_frontend_config *cfg, const int16_t *audio, int32_t *scratch, int32_t *out)
{
    const int32_t *power;
    int32_t *log_mel = scratch + pqk_frontend_fft_words(cfg);
    int32_t shift;
    int32_t offset;
    int32_t i;
    int32_t m;

    /* (the kind's test stays at run time: made constant, it changed GCC's code for the whole frame and
       cost ~200 instructions a frame) */
    if (cfg->fft_kind == PQK_FRONTEND_FFT_REAL) {
#if PQK_FRONTEND_REAL_COMPILED
        shift = pqk_spectrum_real(cfg, audio, scratch);
#else
        shift = 0; /* not compiled: pqk_frontend_config_ok refused the config */
        (void)audio;
#endif
        power = scratch;
    } else {
#if PQK_FRONTEND_COMPLEX_COMPILED
        shift = pqk_spectrum_complex(cfg, audio, scratch);
#else
        shift = 0;
        (void)audio;
#endif
        power = scratch + cfg->fft_size;
    }

    /* 5-6. Mel energy (power < 2^29.01, so < 2^29.01 * 2^15 * 2^11 = 2^55.01), log.
     * |offset| <= (24 + 30 + 15) * 2^10 and the log term < 2^16, so |L| < 2^18. */
    offset = (2 * cfg->fft_log2 - 2 * shift - 15) * 1024;
    for (m = 0; m < cfg->mel_bins; m++) {
        const int32_t first = cfg->mel_first_bin[m];
        const int32_t count = cfg->mel_bin_count[m];
        const int16_t *weights = cfg->mel_weights + cfg->mel_weight_offset[m];
        const int32_t *p = power + first;
        int64_t e = 0;
        for (i = 0; i < count; i++) {
            e += (int64_t)p[i] * weights[i];
        }
        log_mel[m] = ((pqk_log2_q16((uint64_t)e + 1u, cfg->log2_table) + 32) >> 6) + offset;
    }

    /* 7. MFCC: |sum| < 2^7 * 2^15 * 2^18 = 2^40 in int64, the result < 2^25. LOG_MEL: L itself.
     * Row j of the DCT is symmetric (j even) or antisymmetric (j odd) about its middle, so with
     * L[m] + L[M-1-m] in slot m and L[m] - L[M-1-m] in slot M-1-m (m < M/2; an odd M's middle stays
     * L[mid]), the sum over the row's first half of those slots is the same integer as the full sum. */
    if (cfg->type == PQK_FRONTEND_MFCC) {
        const int32_t bins = cfg->mel_bins;
        const int32_t half = (bins + 1) >> 1;
        int32_t j;
        for (m = 0; m < bins >> 1; m++) {
            const int32_t a = log_mel[m];
            const int32_t b = log_mel[bins - 1 - m];
            log_mel[m] = a + b;
            log_mel[bins - 1 - m] = a - b;
        }
        for (j = 0; j < cfg->coefficients; j++) {
            const int16_t *row = cfg->dct + j * half;
            int64_t acc = 0;
            if ((j & 1) == 0) {
                for (m = 0; m < half; m++) {
                    acc += (int64_t)row[m] * log_mel[m];
                }
            } else {
                const int32_t *diff = log_mel + bins - 1;
                for (m = 0; m < half; m++) {
                    acc += (int64_t)row[m] * diff[-m];
                }
            }
            out[j] = (int32_t)((acc + (1 << 14)) >> 15);
        }
    } else {
        for (m = 0; m < cfg->mel_bins; m++) {
            out[m] = log_mel[m];
        }
    }
}

/* ------------------------------------------------------------------------------------------------
 * Entry points
 * ---------------------------------------------------------------------------------------------- */

/* Everything the frame loop relies on, so that a corrupt config fails with a status, not a crash. */
static int pqk_frontend_config_ok(const pqk_frontend_config *cfg)
{
    int32_t m;
    if (cfg == NULL || cfg->window == NULL
        || cfg->mel_first_bin == NULL || cfg->mel_bin_count == NULL || cfg->mel_weight_offset == NULL
        || cfg->mel_weights == NULL || cfg->log2_table == NULL) {
        return 0;
    }
    if (cfg->fft_log2 < 1 || cfg->fft_log2 > 12 || cfg->fft_size != ((int32_t)1 << cfg->fft_log2)) {
        return 0;
    }
    if (cfg->fft_kind == PQK_FRONTEND_FFT_REAL ? !PQK_FRONTEND_REAL_COMPILED
                                               : cfg->fft_kind != PQK_FRONTEND_FFT_COMPLEX || !PQK_FRONTEND_COMPLEX_COMPILED) {
        return 0;
    }
    if (cfg->fft_kind == PQK_FRONTEND_FFT_REAL) {
        if (cfg->twiddle == NULL || cfg->fft_log2 < 3) {
            return 0;
        }
    } else if (cfg->twiddle_cos == NULL || cfg->twiddle_sin == NULL) {
        return 0;
    }
    if (cfg->spectrum_bins < 1 || cfg->spectrum_bins > cfg->fft_size / 2 + 1) {
        return 0;
    }
    if (cfg->window_samples <= 0 || cfg->window_samples > cfg->fft_size || cfg->window_samples > cfg->clip_samples
        || cfg->stride_samples <= 0
        || cfg->frames != 1 + (cfg->clip_samples - cfg->window_samples) / cfg->stride_samples) {
        return 0;
    }
    if (cfg->mel_bins <= 0 || cfg->mel_bins > 128) {
        return 0;
    }
    if (cfg->type == PQK_FRONTEND_MFCC) {
        if (cfg->dct == NULL || cfg->coefficients <= 0 || cfg->coefficients > cfg->mel_bins
            || cfg->features_per_frame != cfg->coefficients) {
            return 0;
        }
    } else if (cfg->type != PQK_FRONTEND_LOG_MEL || cfg->features_per_frame != cfg->mel_bins) {
        return 0;
    }
    for (m = 0; m < cfg->mel_bins; m++) {
        if (cfg->mel_first_bin[m] < 0 || cfg->mel_bin_count[m] < 0
            || cfg->mel_first_bin[m] + cfg->mel_bin_count[m] > cfg->spectrum_bins || cfg->mel_weight_offset[m] < 0) {
            return 0;
        }
    }
    if (cfg->output_shift < -31 || cfg->output_shift > 30 || cfg->output_multiplier < 0
        || cfg->output_zero_point < -128 || cfg->output_zero_point > 127) {
        return 0;
    }
#if PQK_FRONTEND_CMN
    if (cfg->normalization != PQK_FRONTEND_NORMALIZATION_NONE && cfg->normalization != PQK_FRONTEND_NORMALIZATION_CMN) {
        return 0;
    }
#endif
    return 1;
}

#if PQK_FRONTEND_CMN
/* ------------------------------------------------------------------------------------------------
 * Step 7a, cepstral mean normalisation (AudioFrontEnd.normalize)
 * ---------------------------------------------------------------------------------------------- */

/* floor((frames / 2 + sum_f window[f][j]) / frames), frames >= 1, frame-major rows of `features` values:
 * AudioFrontEnd.normalize's one floor division of the 64-bit sum, done in 32-bit arithmetic so that no
 * 64-bit division routine (864 B of libgcc on the M4) is linked. Each value is split by frames into a
 * floored quotient and a remainder in [0, frames); the quotients add up and the remainders carry, so
 * q * frames + r == frames / 2 + (the values so far) with 0 <= r < frames after every step. Each
 * |value| < 2^25 (step 7), so q stays far inside int32. C's `/` truncates toward zero: a negative value
 * with a remainder gets its quotient lowered by one and its remainder raised by frames. */
static int32_t pqk_cmn_mean(const int32_t *window, int32_t frames, int32_t features, int32_t j)
{
    int32_t q = 0;
    int32_t r = frames / 2;
    int32_t f;
    for (f = 0; f < frames; f++) {
        const int32_t v = window[f * features + j];
        int32_t vq = v / frames;
        int32_t vr = v - vq * frames;
        if (vr < 0) {
            vq -= 1;
            vr += frames;
        }
        q += vq;
        r += vr;
        if (r >= frames) {
            r -= frames;
            q += 1;
        }
    }
    return q;
}
#endif

int32_t pqk_frontend_scratch_size(const pqk_frontend_config *cfg)
{
    if (!pqk_frontend_config_ok(cfg)) {
        return -1;
    }
#if PQK_FRONTEND_CMN
    if (cfg->normalization == PQK_FRONTEND_NORMALIZATION_CMN) {
        /* pqk_frontend_run keeps the clip's Q10 features to normalise them before int8. */
        return (pqk_frontend_fft_words(cfg) + cfg->mel_bins + cfg->frames * cfg->features_per_frame)
               * (int32_t)sizeof(int32_t);
    }
#endif
    return (pqk_frontend_fft_words(cfg) + cfg->mel_bins + cfg->features_per_frame) * (int32_t)sizeof(int32_t);
}

pqk_status pqk_frontend_raw(const pqk_frontend_config *cfg, const int16_t *audio, int32_t *raw_out,
                            int32_t *scratch)
{
    int32_t f;
    if (!pqk_frontend_config_ok(cfg) || audio == NULL || raw_out == NULL || scratch == NULL) {
        return PQK_ERROR_ARGUMENT;
    }
    for (f = 0; f < cfg->frames; f++) {
        pqk_frontend_frame(cfg, audio + f * cfg->stride_samples, scratch, raw_out + f * cfg->features_per_frame);
    }
#if PQK_FRONTEND_CMN
    if (cfg->normalization == PQK_FRONTEND_NORMALIZATION_CMN) {
        const int32_t features = cfg->features_per_frame;
        int32_t j;
        for (j = 0; j < features; j++) {
            const int32_t mean = pqk_cmn_mean(raw_out, cfg->frames, features, j);
            for (f = 0; f < cfg->frames; f++) {
                raw_out[f * features + j] -= mean;
            }
        }
    }
#endif
    return PQK_OK;
}

pqk_status pqk_frontend_run_frames(const pqk_frontend_config *cfg, const int16_t *audio, int32_t frames,
                                   int8_t *features, int32_t *scratch)
{
    int32_t f;
    int32_t j;
    int32_t *frame_out;
    if (!pqk_frontend_config_ok(cfg) || audio == NULL || features == NULL || scratch == NULL || frames < 1) {
        return PQK_ERROR_ARGUMENT;
    }
#if PQK_FRONTEND_CMN
    if (cfg->normalization != PQK_FRONTEND_NORMALIZATION_NONE) {
        return PQK_ERROR_ARGUMENT; /* a frame's int8 value depends on its window: pqk_frontend_raw_frames */
    }
#endif
    frame_out = scratch + pqk_frontend_fft_words(cfg) + cfg->mel_bins;
    for (f = 0; f < frames; f++) {
        int8_t *q = features + f * cfg->features_per_frame;
        pqk_frontend_frame(cfg, audio + f * cfg->stride_samples, scratch, frame_out);
        for (j = 0; j < cfg->features_per_frame; j++) {
            /* 8. Widened before adding the zero point: a saturated requantization must not wrap. */
            const int64_t v = (int64_t)pqk_requantize(frame_out[j], cfg->output_multiplier, cfg->output_shift)
                              + cfg->output_zero_point;
            q[j] = (int8_t)(v < -128 ? -128 : (v > 127 ? 127 : v));
        }
    }
    return PQK_OK;
}

pqk_status pqk_frontend_run(const pqk_frontend_config *cfg, const int16_t *audio, int8_t *features,
                            int32_t *scratch)
{
    if (cfg == NULL) {
        return PQK_ERROR_ARGUMENT;
    }
#if PQK_FRONTEND_CMN
    if (cfg->normalization == PQK_FRONTEND_NORMALIZATION_CMN) {
        /* The clip's Q10 features after the log-mel row, then normalised into int8 in one pass. */
        pqk_status status;
        if (!pqk_frontend_config_ok(cfg) || scratch == NULL) {
            return PQK_ERROR_ARGUMENT;
        }
        status = pqk_frontend_raw_frames(cfg, audio, cfg->frames,
                                         scratch + pqk_frontend_fft_words(cfg) + cfg->mel_bins, scratch);
        if (status != PQK_OK) {
            return status;
        }
        return pqk_frontend_normalize_quantize(cfg, scratch + pqk_frontend_fft_words(cfg) + cfg->mel_bins, features);
    }
#endif
    return pqk_frontend_run_frames(cfg, audio, cfg->frames, features, scratch);
}

#if PQK_FRONTEND_CMN
pqk_status pqk_frontend_raw_frames(const pqk_frontend_config *cfg, const int16_t *audio, int32_t frames,
                                   int32_t *raw_out, int32_t *scratch)
{
    int32_t f;
    if (!pqk_frontend_config_ok(cfg) || audio == NULL || raw_out == NULL || scratch == NULL || frames < 1) {
        return PQK_ERROR_ARGUMENT;
    }
    for (f = 0; f < frames; f++) {
        pqk_frontend_frame(cfg, audio + f * cfg->stride_samples, scratch, raw_out + f * cfg->features_per_frame);
    }
    return PQK_OK;
}

pqk_status pqk_frontend_normalize_quantize(const pqk_frontend_config *cfg, const int32_t *window, int8_t *features)
{
    int32_t j;
    if (!pqk_frontend_config_ok(cfg) || window == NULL || features == NULL) {
        return PQK_ERROR_ARGUMENT;
    }
    for (j = 0; j < cfg->features_per_frame; j++) {
        const int32_t mean = cfg->normalization == PQK_FRONTEND_NORMALIZATION_CMN
                             ? pqk_cmn_mean(window, cfg->frames, cfg->features_per_frame, j) : 0;
        int32_t f;
        for (f = 0; f < cfg->frames; f++) {
            const int32_t i = f * cfg->features_per_frame + j;
            /* 8. |window - mean| < 2^26; widened before adding the zero point, as in pqk_frontend_run_frames. */
            const int64_t v = (int64_t)pqk_requantize(window[i] - mean, cfg->output_multiplier, cfg->output_shift)
                              + cfg->output_zero_point;
            features[i] = (int8_t)(v < -128 ? -128 : (v > 127 ? 127 : v));
        }
    }
    return PQK_OK;
}
#endif
