/*
 * pqk_nn_mat_mult_s8_s16.c - the dense matrix-multiply kernel of the convolutions: CMSIS-NN's
 * im2col-to-int16 + SMLAD algorithm (arm_nn_mat_mult_kernel_s8_s16), arranged as one filter row times
 * four columns instead of two times two. Each weight word is loaded and unpacked once (one LDR, two
 * SXTB16) for four columns (four LDRD, eight SMLAD): 16 MACs in about 18 instructions, and few enough
 * live values that GCC keeps the loop free of stack spills. The row's requantization constants are
 * loaded once for its four outputs.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

/* acc[p] += filter row w . column p, for the four columns of the block. */
/* Not inlined: on its own GCC keeps the loop's dozen live values in registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void pqk_mm_row(const int8_t *w, const int16_t *x, int32_t k, int32_t *acc)
{
    int32_t a0 = acc[0];
    int32_t a1 = acc[1];
    int32_t a2 = acc[2];
    int32_t a3 = acc[3];
    const int8_t *const end = w + (k & ~3);
    int32_t i;
    while (w != end) {
#if defined(__ARM_FEATURE_DSP)
        const int32_t wv = (int32_t)pqk_read_u32(w);
        const int32_t w02 = __sxtb16(wv);
        const int32_t w13 = pqk_sxtb16_ror8(wv);
        int32_t lo;
        int32_t hi;
        pqk_read_2x32(x, &lo, &hi);
        a0 = __smlad(w02, lo, a0);
        a0 = __smlad(w13, hi, a0);
        pqk_read_2x32(x + 4, &lo, &hi);
        a1 = __smlad(w02, lo, a1);
        a1 = __smlad(w13, hi, a1);
        pqk_read_2x32(x + 8, &lo, &hi);
        a2 = __smlad(w02, lo, a2);
        a2 = __smlad(w13, hi, a2);
        pqk_read_2x32(x + 12, &lo, &hi);
        a3 = __smlad(w02, lo, a3);
        a3 = __smlad(w13, hi, a3);
#else
        /* written out: GCC keeps a loop over the four weights otherwise */
        const int32_t w0 = w[0];
        const int32_t w1 = w[1];
        const int32_t w2 = w[2];
        const int32_t w3 = w[3];
        a0 += w0 * x[0];
        a1 += w0 * x[4];
        a2 += w0 * x[8];
        a3 += w0 * x[12];
        a0 += w1 * x[1];
        a1 += w1 * x[5];
        a2 += w1 * x[9];
        a3 += w1 * x[13];
        a0 += w2 * x[2];
        a1 += w2 * x[6];
        a2 += w2 * x[10];
        a3 += w2 * x[14];
        a0 += w3 * x[3];
        a1 += w3 * x[7];
        a2 += w3 * x[11];
        a3 += w3 * x[15];
#endif /* __ARM_FEATURE_DSP */
        w += 4;
        x += 4 * PQK_COLUMNS;
    }
    for (i = k & 3; i > 0; i--) {
        const int32_t wi = *w++;
        a0 += wi * x[0];
        a1 += wi * x[1];
        a2 += wi * x[2];
        a3 += wi * x[3];
        x += PQK_COLUMNS;
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* All rows for one requantization mode (a constant after inlining, so the loops carry no test). */
static PQK_ALWAYS_INLINE void pqk_mm_rows(const int8_t *filter, const int16_t *block, int32_t k, int32_t c_out,
                                          const pqk_channel_quant *quant, const int32_t mode, int32_t output_offset,
                                          const pqk_activation *act, int32_t pixels, int8_t *out, int32_t out_stride)
{
    int32_t co;
    for (co = 0; co < c_out; co++) {
        const pqk_requant r = pqk_requant_of(&quant[co], output_offset, act);
        int32_t acc[4];
        acc[0] = quant[co].bias;
        acc[1] = acc[0];
        acc[2] = acc[0];
        acc[3] = acc[0];
        pqk_mm_row(filter + co * k, block, k, acc);
        out[co] = pqk_requant_apply(acc[0], &r, mode);
        if (pixels == PQK_COLUMNS) {
            out[out_stride + co] = pqk_requant_apply(acc[1], &r, mode);
            out[2 * out_stride + co] = pqk_requant_apply(acc[2], &r, mode);
            out[3 * out_stride + co] = pqk_requant_apply(acc[3], &r, mode);
        } else {
            int32_t p;
            for (p = 1; p < pixels; p++) {
                out[p * out_stride + co] = pqk_requant_apply(acc[p], &r, mode);
            }
        }
    }
}

void pqk_nn_mat_mult_s8_s16(const int8_t *filter, const int16_t *block, int32_t k, int32_t c_out,
                            const pqk_channel_quant *quant, int32_t mode, int32_t output_offset,
                            const pqk_activation *act, int32_t pixels, int8_t *out, int32_t out_stride)
{
#define PQK_MM_BODY(m) pqk_mm_rows(filter, block, k, c_out, quant, m, output_offset, act, pixels, out, out_stride)
    PQK_REQUANT_DISPATCH(mode, PQK_MM_BODY);
#undef PQK_MM_BODY
}
