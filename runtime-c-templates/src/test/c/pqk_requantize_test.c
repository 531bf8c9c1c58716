/*
 * pqk_requantize_test.c - the requantization helpers (pqk_common.h, the C twins of QuantMath, and the fast
 * path of pqk_kernel_util.h) on hand-derived values, and the fast path against the general one over a sweep
 * of accumulators, multipliers, shifts and zero points (they must agree wherever the fast path is taken).
 */
#include "pqk_test.h"
#include "pqk_kernel_util.h"

static void hand_values(void)
{
    /* SRDHM(a, b) = round(a * b / 2^31), ties up (gemmlowp): 3 * 2^30 / 2^31 = 1.5 -> 2; -1.5 -> -1 */
    PQK_CHECK_EQ("srdhm 1.5", 2, pqk_sat_rounding_doubling_high_mul(3, 1 << 30));
    PQK_CHECK_EQ("srdhm -1.5", -1, pqk_sat_rounding_doubling_high_mul(-3, 1 << 30));
    /* the one overflow: MIN * MIN would be +1.0, saturated */
    PQK_CHECK_EQ("srdhm min*min", INT32_MAX, pqk_sat_rounding_doubling_high_mul(INT32_MIN, INT32_MIN));
    /* rounding divide by 2^e, ties away from zero: 5/2 = 2.5 -> 3, -5/2 -> -3, 6/4 = 1.5 -> 2, -6/4 -> -2,
       2/4 = 0.5 -> 1, -2/4 -> -1, 4/4 = 1, and e = 0 leaves x */
    PQK_CHECK_EQ("rdbp 2.5", 3, pqk_rounding_divide_by_pot(5, 1));
    PQK_CHECK_EQ("rdbp -2.5", -3, pqk_rounding_divide_by_pot(-5, 1));
    PQK_CHECK_EQ("rdbp 1.5", 2, pqk_rounding_divide_by_pot(6, 2));
    PQK_CHECK_EQ("rdbp -1.5", -2, pqk_rounding_divide_by_pot(-6, 2));
    PQK_CHECK_EQ("rdbp 0.5", 1, pqk_rounding_divide_by_pot(2, 2));
    PQK_CHECK_EQ("rdbp -0.5", -1, pqk_rounding_divide_by_pot(-2, 2));
    PQK_CHECK_EQ("rdbp 1", 1, pqk_rounding_divide_by_pot(4, 2));
    PQK_CHECK_EQ("rdbp e=0", -7, pqk_rounding_divide_by_pot(-7, 0));
    PQK_CHECK_EQ("rdbp e=31", -1, pqk_rounding_divide_by_pot(INT32_MIN, 31));
    /* saturating left shift: 2^30 * 2 = 2^31 > INT32_MAX; -(2^30 + 1) * 2 < INT32_MIN */
    PQK_CHECK_EQ("sls up", INT32_MAX, pqk_saturating_left_shift(1 << 30, 1));
    PQK_CHECK_EQ("sls down", INT32_MIN, pqk_saturating_left_shift(-(1 << 30) - 1, 1));
    PQK_CHECK_EQ("sls exact", -(1 << 30), pqk_saturating_left_shift(-(1 << 29), 1));
    /* requantize: 100 * 0.5 = 50 (SRDHM), / 4 = 12.5 -> 13 */
    PQK_CHECK_EQ("requantize -2", 13, pqk_requantize(100, 1 << 30, -2));
    /* positive shift: 1000 * 2 = 2000, * 0.5 = 1000 */
    PQK_CHECK_EQ("requantize +1", 1000, pqk_requantize(1000, 1 << 30, 1));
    /* 2^30 * 4 saturates to INT32_MAX, * 0.5 = (2^31 - 1) / 2 -> 2^30 (ties up) */
    PQK_CHECK_EQ("requantize saturated", 1 << 30, pqk_requantize(1 << 30, 1 << 30, 2));
    /* multiplier 0: always 0 */
    PQK_CHECK_EQ("requantize m=0", 0, pqk_requantize(123456, 0, -5));
    /* the zero point is added in 64 bits: INT32_MAX + 127 must clamp to 127, not wrap to negative */
    PQK_CHECK_EQ("to range no wrap", 127, pqk_requantize_to_range(INT32_MAX, INT32_MAX, 30, 127, -128, 127));
    PQK_CHECK_EQ("to range low", -128, pqk_requantize_to_range(INT32_MIN, INT32_MAX, 30, -128, -128, 127));
    PQK_CHECK_EQ("to range clamp", -5, pqk_requantize_to_range(-1000, 1 << 30, 0, 0, -5, 5));
    /* the fast path's rounding constant (2 * zp + 1) * 2^(e - 2): zp 3, e 4 -> 7 * 4 = 28; zp -128, e 2 -> -255 */
    PQK_CHECK_EQ("rounding constant", 28, pqk_quant_rounding(-4, 3));
    PQK_CHECK_EQ("rounding constant", -255, pqk_quant_rounding(-2, -128));
}

static void modes(void)
{
    const pqk_activation full = {-128, 127};
    const pqk_activation relu = {-20, 127};
    const pqk_channel_quant fast[2] = {{0, 1 << 30, -2}, {0, 1 << 30, -22}};
    const pqk_channel_quant general1[2] = {{0, 1 << 30, -2}, {0, 1 << 30, -1}};  /* e = 1 < 2 */
    const pqk_channel_quant general23[1] = {{0, 1 << 30, -23}};                  /* e = 23 > 22 */
    const pqk_channel_quant general_pos[1] = {{0, 1 << 30, 3}};                  /* a left shift */
    /* a mode the build does not compile (PQK_REQUANT_MODES) falls back to the next more general one */
    const int32_t want_clamp = PQK_REQUANT_FAST_COMPILED ? PQK_REQUANT_FAST : PQK_REQUANT_GENERAL;
    const int32_t want_full = PQK_REQUANT_FULL_RANGE_COMPILED ? PQK_REQUANT_FAST_FULL_RANGE : want_clamp;
    PQK_CHECK_EQ("mode full range", want_full, pqk_requant_mode(fast, 2, 0, &full));
    PQK_CHECK_EQ("mode clamp", want_clamp, pqk_requant_mode(fast, 2, 0, &relu));
    PQK_CHECK_EQ("mode e=1", PQK_REQUANT_GENERAL, pqk_requant_mode(general1, 2, 0, &full));
    PQK_CHECK_EQ("mode e=23", PQK_REQUANT_GENERAL, pqk_requant_mode(general23, 1, 0, &full));
    PQK_CHECK_EQ("mode shift>0", PQK_REQUANT_GENERAL, pqk_requant_mode(general_pos, 1, 0, &full));
}

/* A small deterministic generator (xorshift32) for the sweep. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/*
 * The fast path (one 64-bit multiply-add and a shift, pqk_requantize_fast / pqk_requant_fast) equals the
 * general one plus the zero point for |acc| < 2^30 (the generator's bound), multipliers in [2^30, 2^31)
 * and 0, e in 2..22, every zero point; accumulators near the rounding ties are tried on purpose.
 */
static void fast_equals_general(void)
{
    uint32_t state = 12345u;
    int32_t e;
    int32_t failures = 0;
    for (e = 2; e <= 22; e++) {
        int32_t i;
        for (i = 0; i < 4000; i++) {
            const int32_t shift = -e;
            const int32_t zp = (int32_t)(next_random(&state) % 256u) - 128;
            const int32_t m = i % 97 == 0 ? 0 : (int32_t)(0x40000000u | (next_random(&state) & 0x3FFFFFFFu));
            int32_t acc;
            int32_t want;
            int32_t got;
            int32_t got_channel;
            pqk_channel_quant q;
            pqk_requant layer;
            pqk_requant ch;
            const pqk_activation act = {-128, 127};
            if (i % 3 == 0) {
                /* near a tie of the final divide: acc * m / 2^31 close to (k + 1/2) * 2^e */
                const int64_t k = (int64_t)(next_random(&state) % 1001u) - 500; /* |target| < 2^62 */
                const int64_t target = (2 * k + 1) * ((int64_t)1 << (e - 1)) * ((int64_t)1 << 31) / (m == 0 ? 1 : m);
                acc = (int32_t)(target > 0x3FFFFFFF ? 0x3FFFFFFF : target < -0x3FFFFFFF ? -0x3FFFFFFF : target);
                acc += (int32_t)(next_random(&state) % 5u) - 2;
            } else {
                acc = (int32_t)(next_random(&state) & 0x7FFFFFFFu) - 0x40000000;
                acc >>= next_random(&state) % 24u;
            }
            want = pqk_requantize(acc, m, shift) + zp;
            got = pqk_requantize_fast(acc, m, pqk_quant_rounding(shift, zp), shift);
            q.bias = 0;
            q.multiplier = m;
            q.shift = shift;
            layer = pqk_requant_layer(zp, &act);
            ch = pqk_requant_channel(&q, &layer);
            got_channel = pqk_requant_fast(acc, &ch);
            if (want != got || want != got_channel) {
                if (failures < 5) {
                    printf("%s:%d: FAIL fast path acc %ld m %ld shift %ld zp %ld: general %ld, fast %ld, "
                           "per-channel %ld\n", __FILE__, __LINE__, (long)acc, (long)m, (long)shift, (long)zp,
                           (long)want, (long)got, (long)got_channel);
                }
                failures++;
            }
        }
    }
    PQK_CHECK_EQ("fast path mismatches", 0, failures);
}

int main(void)
{
    hand_values();
    modes();
    fast_equals_general();
    return pqk_test_finish(__FILE__);
}
