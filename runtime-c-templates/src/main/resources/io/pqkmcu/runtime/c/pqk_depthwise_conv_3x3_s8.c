/*
 * pqk_depthwise_conv_3x3_s8.c - int8 depthwise convolution with a 3x3 kernel, dilation 1, padding at
 * most 1, any stride (CMSIS-NN's arm_depthwise_conv_3x3_s8 case). Bit-exact with DepthwiseConv2DKernel.
 *
 * Four channels at a time, their input planes are copied into the scratch as int16 with the input
 * offset added (one word read per pixel), inside a border of zeros: the padding, whose (x + offset) is
 * 0. Every window then lies inside its plane and no tap needs a bounds test. Each channel then runs
 * over its plane in column strips (one pointer step per output, few loop overheads), with its weights,
 * bias and requantization constants loaded once per output pair. Two horizontally adjacent taps are
 * one word of the plane, so on DSP cores one SMLAD does two MACs: a window row is SMLAD (taps 0, 1) +
 * SMLABB (tap 2), and at stride 1 two neighbouring outputs share the row's words (x0 x1 | x1 x2 |
 * x2 x3). On DSP cores the weights and bias are doubled, which gives the 2 * acc that the SMMLAR
 * requantization takes (|acc| < 2^30, pqk_kernels.h) without a shift per output. A channel's input is
 * no longer read once copied and each output byte belongs to its channel, so the kernel always may run
 * in place. On Thumb-2 cores built with GCC, layers of vertical stride 1 with the full-range
 * requantization run in one of two assembly routines below (DSP: pqk_dw3_columns_dsp, else
 * pqk_dw3_columns_plain) that walk each column down its input rows; the C loops keep every other case
 * and every other core, and the two give the same bytes.
 */
#include "pqk_kernel_util.h"

/* Planes copied per pass (channels at a time). */
#define PQK_DW3_PLANES 4

/* The padded plane: rows and columns that the windows cover, at least the input plus its padding. */
static void pqk_dw3_plane(const pqk_conv_params *p, const pqk_dims *in_dims, const pqk_dims *out_dims,
                          int32_t *plane_h, int32_t *plane_w)
{
    const int32_t need_h = (out_dims->h - 1) * p->stride.h + 3;
    const int32_t need_w = (out_dims->w - 1) * p->stride.w + 3;
    const int32_t have_h = p->padding.h + in_dims->h;
    const int32_t have_w = p->padding.w + in_dims->w;
    *plane_h = need_h > have_h ? need_h : have_h;
    *plane_w = need_w > have_w ? need_w : have_w;
}

/* Bytes of one plane; + 4: the last window's (x2, x3) word reads one int16 past the plane. */
static int32_t pqk_dw3_plane_bytes(int32_t plane_h, int32_t plane_w)
{
    return pqk_align8(2 * plane_h * plane_w + 4);
}

int32_t pqk_depthwise_conv_3x3_s8_get_buffer_size(const pqk_conv_params *params, const pqk_dims *input_dims,
                                                  const pqk_dims *output_dims)
{
    int32_t plane_h;
    int32_t plane_w;
    pqk_dw3_plane(params, input_dims, output_dims, &plane_h, &plane_w);
    return (input_dims->c >= PQK_DW3_PLANES ? PQK_DW3_PLANES : 1) * pqk_dw3_plane_bytes(plane_h, plane_w);
}

/* The output of an accumulator that holds scale * acc (scale 2 on the DSP fast paths, else 1). */
static PQK_ALWAYS_INLINE int8_t pqk_dw3_out(int32_t acc, const pqk_requant *r, const int32_t mode)
{
#if defined(__ARM_FEATURE_DSP)
    if (mode != PQK_REQUANT_GENERAL) {
        const int32_t v = (pqk_smmlar(acc, r->multiplier, r->fast_operand) + (acc >> 31)) >> r->fast_shift;
        return mode == PQK_REQUANT_FAST_FULL_RANGE ? pqk_sat_s8(v) : pqk_clamp_s8(v, r->lo, r->hi);
    }
#endif /* __ARM_FEATURE_DSP */
    return pqk_requant_apply(acc, r, mode);
}

/* Word i of a plane row: int16 values i and i + 1 (any alignment: one LDR). */
static inline int32_t pqk_dw3_pair(const int16_t *q, int32_t i)
{
    return (int32_t)pqk_read_u32(q + i);
}

/*
 * Two words at byte offset off of the 8-byte-aligned p: one LDRD (GCC splits pqk_read_2x32 into two
 * LDRs where its scheduler prefers, which costs an instruction each time).
 */
#if defined(__ARM_FEATURE_DSP) && defined(__GNUC__)
#define PQK_DW3_LDRD(p, off, a, b)                                                                           \
    __asm__("ldrd %0, %1, [%2, #" #off "]" : "=r"(a), "=r"(b) : "r"(p), "m"(*(const uint64_t *)(p)))
#else
#define PQK_DW3_LDRD(p, off, a, b) pqk_read_2x32((const int8_t *)(p) + (off), &(a), &(b))
#endif

/*
 * DSP cores with GCC (Thumb-2): at vertical stride 1 with the full-range requantization (and at least
 * three output rows), every output runs in pqk_dw3_columns_dsp below (rows in triples, then the one or
 * two left), an assembly routine that keeps all 14 free registers busy, which GCC's allocation of the C loop cannot (it spilled 9 values a step). It walks
 * each column down its input rows: one row (two words, x0 x1 | x2 x3) ends output i-2 (weights row 2),
 * adds to output i-1 (row 1) and starts output i (bias + row 0), so every plane word is read once
 * per column, 6 multiply instructions and 2 loads make the 9 MACs of an output, and the output that
 * ends is requantized (SMMLAR, sign fix, shift, SSAT) and stored: 18 instructions an output, against
 * 22.7 for the C loop. Registers: r0 plane row, r1 output, r2 plane pitch, r3 output row step,
 * r4..r6 taps (0,1), (3,4), (6,7) of rows 0..2, r7 taps 2 | 5 << 16, r8 the shift | tap 8 << 16 (ASR
 * reads bits 0..7 only), r9..r11 the three outputs in flight, r12 and lr the row's words; bias,
 * multiplier and SMMLAR operand are read from the stack. Bit-exact with the C path: the same products
 * in another order of int32 additions, which wrap alike.
 */
#if !defined(PQK_DW3_NO_ASM) && defined(__ARM_FEATURE_DSP) && defined(__GNUC__) && defined(__thumb2__)
#define PQK_DW3_ASM 1
/* The job of pqk_dw3_columns_dsp, int32 words (offsets in bytes in the routine). */
enum {
    PQK_DW3_JOB_PLANE,    /* 0: plane, row 0 of column 0 */
    PQK_DW3_JOB_OUT,      /* 4: output of row 0, column 0 */
    PQK_DW3_JOB_PITCH,    /* 8: plane row pitch, bytes */
    PQK_DW3_JOB_O_STEP,   /* 12: output row step, bytes */
    PQK_DW3_JOB_IN_STEP,  /* 16: plane bytes from one column to the next (2 * stride w) */
    PQK_DW3_JOB_OUT_STEP, /* 20: output bytes from one column to the next (channels) */
    PQK_DW3_JOB_COLUMNS,  /* 24: output columns (>= 1) */
    PQK_DW3_JOB_SPAN,     /* 28: output bytes of a column's triples (3 * triples * output row step, > 0) */
    PQK_DW3_JOB_W0,       /* 32: taps 0, 1 */
    PQK_DW3_JOB_W1,       /* 36: taps 3, 4 */
    PQK_DW3_JOB_W2,       /* 40: taps 6, 7 */
    PQK_DW3_JOB_K25,      /* 44: tap 2 | tap 5 << 16 */
    PQK_DW3_JOB_K8,       /* 48: shift | tap 8 << 16 */
    PQK_DW3_JOB_BIAS,     /* 52 */
    PQK_DW3_JOB_MULT,     /* 56 */
    PQK_DW3_JOB_OPERAND,  /* 60: SMMLAR accumuland */
    PQK_DW3_JOB_TAIL,     /* 64: output rows after the triples (0, 1 or 2) */
    PQK_DW3_JOB_WORDS
};
void pqk_dw3_columns_dsp(const int32_t *job);

/* One input row: a ends (row 2 of its window), b gets row 1, c starts (bias + row 0); a is stored. */
#define PQK_DW3_ROW(a, b, c)                                                                                 \
    "ldr lr, [r0, #4]\n\t"                                                                                   \
    "ldr r12, [r0]\n\t"                                                                                      \
    "add r0, r0, r2\n\t"                                                                                     \
    "smlad " a ", r12, r6, " a "\n\t"                                                                        \
    "smlabt " a ", lr, r8, " a "\n\t"                                                                        \
    "smlad " b ", r12, r5, " b "\n\t"                                                                        \
    "smlabt " b ", lr, r7, " b "\n\t"                                                                        \
    "ldr " c ", [sp, #0]\n\t"                                                                                \
    "smlad " c ", r12, r4, " c "\n\t"                                                                        \
    "smlabb " c ", lr, r7, " c "\n\t"                                                                        \
    "ldrd r12, lr, [sp, #4]\n\t"                                                                             \
    "smmlar r12, " a ", r12, lr\n\t"                                                                         \
    "add r12, r12, " a ", asr #31\n\t"                                                                       \
    "asr r12, r12, r8\n\t"                                                                                   \
    "ssat r12, #8, r12\n\t"                                                                                  \
    "strb r12, [r1]\n\t"                                                                                     \
    "add r1, r1, r3\n\t"

/*
 * Stack frame (after pushing r4-r11, lr): [sp] bias, [sp, #4] multiplier, [sp, #8] operand, [sp, #12]
 * span, [sp, #16] columns left, [sp, #20] plane of this column, [sp, #24] output of this column,
 * [sp, #28] column steps in, [sp, #32] out, [sp, #36] this column's output end, [sp, #40] tail rows.
 */
__asm__(".pushsection .text.pqk_dw3_columns_dsp,\"ax\",%progbits\n\t"
        ".syntax unified\n\t"
        ".thumb\n\t"
        ".p2align 2\n\t"
        ".global pqk_dw3_columns_dsp\n\t"
        ".type pqk_dw3_columns_dsp, %function\n\t"
        ".thumb_func\n"
        "pqk_dw3_columns_dsp:\n\t"
        "push {r4-r11, lr}\n\t"
        "sub sp, sp, #44\n\t"
        "ldrd r4, r5, [r0, #52]\n\t"
        "ldr r6, [r0, #60]\n\t"
        "stmia sp, {r4, r5, r6}\n\t"
        "ldr r4, [r0, #28]\n\t"
        "ldr r5, [r0, #24]\n\t"
        "ldrd r6, r7, [r0, #0]\n\t"
        "ldrd r8, r9, [r0, #16]\n\t"
        "add r10, sp, #12\n\t"
        "stmia r10, {r4, r5, r6, r7, r8, r9}\n\t"
        "ldr r4, [r0, #64]\n\t"
        "str r4, [sp, #40]\n\t"
        "ldrd r2, r3, [r0, #8]\n\t"
        "ldrd r4, r5, [r0, #32]\n\t"
        "ldrd r6, r7, [r0, #40]\n\t"
        "ldr r8, [r0, #48]\n"
        "1:\n\t"
        "ldrd r0, r1, [sp, #20]\n\t"
        "ldr r12, [sp, #12]\n\t"
        "add r12, r12, r1\n\t"
        "str r12, [sp, #36]\n\t"
        /* input row 0: output 0 starts */
        "ldr lr, [r0, #4]\n\t"
        "ldr r12, [r0]\n\t"
        "add r0, r0, r2\n\t"
        "ldr r9, [sp, #0]\n\t"
        "smlad r9, r12, r4, r9\n\t"
        "smlabb r9, lr, r7, r9\n\t"
        /* input row 1: output 0 gets row 1, output 1 starts */
        "ldr lr, [r0, #4]\n\t"
        "ldr r12, [r0]\n\t"
        "add r0, r0, r2\n\t"
        "smlad r9, r12, r5, r9\n\t"
        "smlabt r9, lr, r7, r9\n\t"
        "ldr r10, [sp, #0]\n\t"
        "smlad r10, r12, r4, r10\n\t"
        "smlabb r10, lr, r7, r10\n"
        "2:\n\t"
        PQK_DW3_ROW("r9", "r10", "r11")
        PQK_DW3_ROW("r10", "r11", "r9")
        PQK_DW3_ROW("r11", "r9", "r10")
        "ldr r12, [sp, #36]\n\t"
        "cmp r1, r12\n\t"
        "bne 2b\n\t"
        /* the one or two rows after the triples */
        "ldr r12, [sp, #40]\n\t"
        "cmp r12, #0\n\t"
        "beq 3f\n\t"
        PQK_DW3_ROW("r9", "r10", "r11")
        "ldr r12, [sp, #40]\n\t"
        "cmp r12, #2\n\t"
        "bne 3f\n\t"
        PQK_DW3_ROW("r10", "r11", "r9")
        "3:\n\t"
        /* next column */
        "ldrd r0, r1, [sp, #20]\n\t"
        "ldrd r12, lr, [sp, #28]\n\t"
        "add r0, r0, r12\n\t"
        "add r1, r1, lr\n\t"
        "strd r0, r1, [sp, #20]\n\t"
        "ldr r12, [sp, #16]\n\t"
        "subs r12, r12, #1\n\t"
        "str r12, [sp, #16]\n\t"
        "bne 1b\n\t"
        "add sp, sp, #44\n\t"
        "pop {r4-r11, pc}\n\t"
        ".size pqk_dw3_columns_dsp, .-pqk_dw3_columns_dsp\n\t"
        ".popsection");
#elif !defined(PQK_DW3_NO_ASM) && defined(__GNUC__) && defined(__thumb2__)
/*
 * The same walk for Thumb-2 cores without the DSP extension (Cortex-M3), pqk_dw3_columns_plain: one
 * MLA a tap (SMLAD needs the DSP extension), three LDRSH a row, the requantization of the plain fast
 * path (SMLAL with the rounding constant as accumulator, shift, SSAT). Registers: r0 plane row, r1
 * output, r2..r7 taps 0..5 (window rows 0 and 1), r8..r10 the three outputs in flight, r11 the value,
 * r12 scratch, lr the multiplier; taps 6..8, bias, operand, shift and the steps are read from the stack.
 */
#define PQK_DW3_ASM 2
enum {
    PQK_DW3_JOB_PLANE,    /* 0: plane, row 0 of column 0 */
    PQK_DW3_JOB_OUT,      /* 4: output of row 0, column 0 */
    PQK_DW3_JOB_PITCH,    /* 8: plane row pitch, bytes */
    PQK_DW3_JOB_O_STEP,   /* 12: output row step, bytes */
    PQK_DW3_JOB_IN_STEP,  /* 16: plane bytes from one column to the next (2 * stride w) */
    PQK_DW3_JOB_OUT_STEP, /* 20: output bytes from one column to the next (channels) */
    PQK_DW3_JOB_COLUMNS,  /* 24: output columns (>= 1) */
    PQK_DW3_JOB_SPAN,     /* 28: output bytes of a column's triples (3 * triples * output row step, > 0) */
    PQK_DW3_JOB_K0,       /* 32 .. 64: taps 0 .. 8 */
    PQK_DW3_JOB_BIAS = PQK_DW3_JOB_K0 + 9, /* 68 */
    PQK_DW3_JOB_MULT,     /* 72 */
    PQK_DW3_JOB_OPERAND,  /* 76: the rounding operand (fast_operand) */
    PQK_DW3_JOB_SHIFT,    /* 80: fast_shift */
    PQK_DW3_JOB_TAIL,     /* 84: output rows after the triples (0, 1 or 2) */
    PQK_DW3_JOB_WORDS
};
void pqk_dw3_columns_plain(const int32_t *job);

/* One input row: a ends (taps 6..8), b gets taps 3..5, c starts (bias + taps 0..2); a is stored. */
#define PQK_DW3_ROW(a, b, c)                                                                                 \
    "ldrsh r11, [r0]\n\t"                                                                                    \
    "ldr r12, [sp, #0]\n\t"                                                                                  \
    "mla " a ", r11, r12, " a "\n\t"                                                                         \
    "mla " b ", r11, r5, " b "\n\t"                                                                          \
    "ldr " c ", [sp, #12]\n\t"                                                                               \
    "mla " c ", r11, r2, " c "\n\t"                                                                          \
    "ldrsh r11, [r0, #2]\n\t"                                                                                \
    "ldr r12, [sp, #4]\n\t"                                                                                  \
    "mla " a ", r11, r12, " a "\n\t"                                                                         \
    "mla " b ", r11, r6, " b "\n\t"                                                                          \
    "mla " c ", r11, r3, " c "\n\t"                                                                          \
    "ldrsh r11, [r0, #4]\n\t"                                                                                \
    "ldr r12, [sp, #8]\n\t"                                                                                  \
    "mla " a ", r11, r12, " a "\n\t"                                                                         \
    "mla " b ", r11, r7, " b "\n\t"                                                                          \
    "mla " c ", r11, r4, " c "\n\t"                                                                          \
    "ldr r12, [sp, #24]\n\t"                                                                                 \
    "add r0, r0, r12\n\t"                                                                                    \
    "and r12, " a ", #0x80000000\n\t"                                                                        \
    "add r12, r12, #0x40000000\n\t"                                                                          \
    "ldr r11, [sp, #16]\n\t"                                                                                 \
    "add r11, r11, " a ", asr #31\n\t"                                                                       \
    "smlal r12, r11, " a ", lr\n\t"                                                                          \
    "ldr r12, [sp, #20]\n\t"                                                                                 \
    "asr r11, r11, r12\n\t"                                                                                  \
    "ssat r11, #8, r11\n\t"                                                                                  \
    "strb r11, [r1]\n\t"                                                                                     \
    "ldr r12, [sp, #28]\n\t"                                                                                 \
    "add r1, r1, r12\n\t"

/*
 * Stack frame (after pushing r4-r11, lr): [sp] .. [sp, #8] taps 6..8, [sp, #12] bias, [sp, #16] operand,
 * [sp, #20] shift, [sp, #24] pitch, [sp, #28] output row step, [sp, #32] span, [sp, #36] columns left,
 * [sp, #40] plane of this column, [sp, #44] output of this column, [sp, #48] column step in,
 * [sp, #52] out, [sp, #56] this column's output end, [sp, #60] tail rows.
 */
__asm__(".pushsection .text.pqk_dw3_columns_plain,\"ax\",%progbits\n\t"
        ".syntax unified\n\t"
        ".thumb\n\t"
        ".p2align 2\n\t"
        ".global pqk_dw3_columns_plain\n\t"
        ".type pqk_dw3_columns_plain, %function\n\t"
        ".thumb_func\n"
        "pqk_dw3_columns_plain:\n\t"
        "push {r4-r11, lr}\n\t"
        "sub sp, sp, #68\n\t"
        "ldrd r4, r5, [r0, #56]\n\t"  /* taps 6, 7 */
        "ldrd r6, r7, [r0, #64]\n\t"  /* tap 8, bias */
        "ldr r8, [r0, #76]\n\t"       /* operand */
        "ldr r9, [r0, #80]\n\t"       /* shift */
        "ldrd r10, r11, [r0, #8]\n\t" /* pitch, output row step */
        "stmia sp, {r4-r11}\n\t"
        "ldr r4, [r0, #28]\n\t"       /* span */
        "ldr r5, [r0, #24]\n\t"       /* columns */
        "ldrd r6, r7, [r0, #0]\n\t"   /* plane, out */
        "ldrd r8, r9, [r0, #16]\n\t"  /* column steps */
        "add r10, sp, #32\n\t"
        "stmia r10, {r4-r9}\n\t"
        "ldr r4, [r0, #84]\n\t"
        "str r4, [sp, #60]\n\t"
        "ldr lr, [r0, #72]\n\t"       /* multiplier */
        "ldrd r2, r3, [r0, #32]\n\t"  /* taps 0, 1 */
        "ldrd r4, r5, [r0, #40]\n\t"  /* taps 2, 3 */
        "ldrd r6, r7, [r0, #48]\n"    /* taps 4, 5 */
        "1:\n\t"
        "ldrd r0, r1, [sp, #40]\n\t"
        "ldr r12, [sp, #32]\n\t"
        "add r12, r12, r1\n\t"
        "str r12, [sp, #56]\n\t"
        /* input row 0: output 0 starts */
        "ldr r8, [sp, #12]\n\t"
        "ldrsh r11, [r0]\n\t"
        "mla r8, r11, r2, r8\n\t"
        "ldrsh r11, [r0, #2]\n\t"
        "mla r8, r11, r3, r8\n\t"
        "ldrsh r11, [r0, #4]\n\t"
        "mla r8, r11, r4, r8\n\t"
        "ldr r12, [sp, #24]\n\t"
        "add r0, r0, r12\n\t"
        /* input row 1: output 0 gets taps 3..5, output 1 starts */
        "ldr r9, [sp, #12]\n\t"
        "ldrsh r11, [r0]\n\t"
        "mla r8, r11, r5, r8\n\t"
        "mla r9, r11, r2, r9\n\t"
        "ldrsh r11, [r0, #2]\n\t"
        "mla r8, r11, r6, r8\n\t"
        "mla r9, r11, r3, r9\n\t"
        "ldrsh r11, [r0, #4]\n\t"
        "mla r8, r11, r7, r8\n\t"
        "mla r9, r11, r4, r9\n\t"
        "add r0, r0, r12\n"
        "2:\n\t"
        PQK_DW3_ROW("r8", "r9", "r10")
        PQK_DW3_ROW("r9", "r10", "r8")
        PQK_DW3_ROW("r10", "r8", "r9")
        "ldr r12, [sp, #56]\n\t"
        "cmp r1, r12\n\t"
        "bne 2b\n\t"
        /* the one or two rows after the triples */
        "ldr r12, [sp, #60]\n\t"
        "cmp r12, #0\n\t"
        "beq 3f\n\t"
        PQK_DW3_ROW("r8", "r9", "r10")
        "ldr r12, [sp, #60]\n\t"
        "cmp r12, #2\n\t"
        "bne 3f\n\t"
        PQK_DW3_ROW("r9", "r10", "r8")
        "3:\n\t"
        /* next column */
        "ldrd r0, r1, [sp, #40]\n\t"
        "ldrd r11, r12, [sp, #48]\n\t"
        "add r0, r0, r11\n\t"
        "add r1, r1, r12\n\t"
        "strd r0, r1, [sp, #40]\n\t"
        "ldr r12, [sp, #36]\n\t"
        "subs r12, r12, #1\n\t"
        "str r12, [sp, #36]\n\t"
        "bne 1b\n\t"
        "add sp, sp, #68\n\t"
        "pop {r4-r11, pc}\n\t"
        ".size pqk_dw3_columns_plain, .-pqk_dw3_columns_plain\n\t"
        ".popsection");
#else
#define PQK_DW3_ASM 0 /* also with -DPQK_DW3_NO_ASM: the C loops only (Depthwise3x3AsmOnQemuTest compares them) */
#endif /* __GNUC__ && __thumb2__ (with or without __ARM_FEATURE_DSP) */

/*
 * One channel over every output pixel: k[0..8] its weights (row-major) and bias, both already scaled
 * as the mode requires; plane its padded int16 input (pw columns). Column by column; at stride 1
 * vertically, three outputs of a column per step share its five window rows (two words each).
 */
static PQK_ALWAYS_INLINE void pqk_dw3_channel(const int16_t *plane, int32_t pw, const pqk_conv_params *p,
                                              const pqk_dims *out_dims, int32_t ch, const int32_t *k,
                                              int32_t bias, const pqk_requant *rq, const int32_t mode,
                                              int8_t *out)
{
    const pqk_requant r = *rq;
    const int32_t out_h = out_dims->h;
    const int32_t out_w = out_dims->w;
    const int32_t sw = p->stride.w;
    const int32_t q_step = p->stride.h * pw; /* int16 values from one output row's window to the next */
    const int32_t o_step = out_w * ch;
    /* the assembly routine's case (it takes every output); the C triples never run where it exists */
    const int asm_case = PQK_DW3_ASM && mode == PQK_REQUANT_FAST_FULL_RANGE && p->stride.h == 1 && out_h >= 3;
    const int32_t triples = p->stride.h == 1 && !(PQK_DW3_ASM && mode == PQK_REQUANT_FAST_FULL_RANGE) ? out_h / 3 : 0;
    int32_t ox;
#if defined(__ARM_FEATURE_DSP)
    /*
     * The packed weights, the bias and the requantization constants, read again (LDRD) for every step:
     * held in registers they would push the pointers out to the stack, which costs more. The address
     * is pinned in the loops so that GCC cannot hoist the loads.
     * kw: taps 0,1 of row 0 | tap 2 of rows 0 and 1 | taps 0,1 of row 1 | tap 2 of row 2 |
     *     taps 0,1 of row 2 | bias | multiplier | SMMLAR operand | shift | 0
     */
    union {
        uint64_t align8;
        int32_t w[10];
    } kwu;
    int32_t *const kw = kwu.w;
    const int32_t *kp = kw;
    kw[0] = (int32_t)(((uint32_t)k[0] & 0xFFFFu) | ((uint32_t)k[1] << 16));
    kw[1] = (int32_t)(((uint32_t)k[2] & 0xFFFFu) | ((uint32_t)k[5] << 16));
    kw[2] = (int32_t)(((uint32_t)k[3] & 0xFFFFu) | ((uint32_t)k[4] << 16));
    kw[3] = k[8];
    kw[4] = (int32_t)(((uint32_t)k[6] & 0xFFFFu) | ((uint32_t)k[7] << 16));
    kw[5] = bias;
    kw[6] = r.multiplier;
    kw[7] = r.fast_operand;
    kw[8] = r.fast_shift;
    kw[9] = 0;
#else
    const int32_t k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4], k5 = k[5], k6 = k[6], k7 = k[7],
                  k8 = k[8];
#endif /* __ARM_FEATURE_DSP */
#if PQK_DW3_ASM
    if (asm_case) {
        int32_t job[PQK_DW3_JOB_WORDS];
        job[PQK_DW3_JOB_PLANE] = (int32_t)(uintptr_t)plane;
        job[PQK_DW3_JOB_OUT] = (int32_t)(uintptr_t)out;
        job[PQK_DW3_JOB_PITCH] = 2 * pw;
        job[PQK_DW3_JOB_O_STEP] = o_step;
        job[PQK_DW3_JOB_IN_STEP] = 2 * sw;
        job[PQK_DW3_JOB_OUT_STEP] = ch;
        job[PQK_DW3_JOB_COLUMNS] = out_w;
        job[PQK_DW3_JOB_SPAN] = 3 * (out_h / 3) * o_step;
        job[PQK_DW3_JOB_TAIL] = out_h % 3;
#if PQK_DW3_ASM == 1
        job[PQK_DW3_JOB_W0] = kw[0];
        job[PQK_DW3_JOB_W1] = kw[2];
        job[PQK_DW3_JOB_W2] = kw[4];
        job[PQK_DW3_JOB_K25] = kw[1];
        job[PQK_DW3_JOB_K8] = (int32_t)(((uint32_t)k[8] << 16) | ((uint32_t)r.fast_shift & 0xFFu));
        job[PQK_DW3_JOB_BIAS] = bias;
        job[PQK_DW3_JOB_MULT] = r.multiplier;
        job[PQK_DW3_JOB_OPERAND] = r.fast_operand;
        pqk_dw3_columns_dsp(job);
#else
        memcpy(&job[PQK_DW3_JOB_K0], k, 9 * sizeof(int32_t));
        job[PQK_DW3_JOB_BIAS] = bias;
        job[PQK_DW3_JOB_MULT] = r.multiplier;
        job[PQK_DW3_JOB_OPERAND] = r.fast_operand;
        job[PQK_DW3_JOB_SHIFT] = r.fast_shift;
        pqk_dw3_columns_plain(job);
#endif
        return;
    }
#else
    (void)asm_case;
#endif /* PQK_DW3_ASM */
    for (ox = 0; ox < out_w; ox++) {
        const int16_t *q0 = plane + ox * sw;
        int8_t *o = out + ox * ch;
        int8_t *const o_end = o + 3 * triples * o_step;
        int32_t n;
        while (o != o_end) {
            const int16_t *const q1 = q0 + pw;
            const int16_t *const q2 = q1 + pw;
            const int16_t *const q3 = q2 + pw;
            const int16_t *const q4 = q3 + pw;
#if defined(__ARM_FEATURE_DSP)
            int32_t k01, k2, a0, a1, a2, x01, x2;
            pqk_requant rr = r;
            PQK_PIN_ADDRESS(kp);
            PQK_DW3_LDRD(kp, 16, k01, a0); /* taps 0,1 of row 2 and the bias */
            x01 = pqk_dw3_pair(q2, 0);
            x2 = pqk_dw3_pair(q2, 2);
            PQK_DW3_LDRD(kp, 8, a1, k2); /* taps 0,1 of row 1, tap 2 of row 2 */
            a2 = a0;
            a0 = __smlad(x01, k01, a0);
            a0 = __smlabb(x2, k2, a0);
            a1 = __smlad(x01, a1, a2);  /* row 2 of the window of output 1 (a1 held its weights) */
            x01 = pqk_dw3_pair(q3, 0);
            {
                const int32_t x3 = pqk_dw3_pair(q3, 2);
                a1 = __smlad(x01, k01, a1);
                a1 = __smlabb(x3, k2, a1);
                x01 = pqk_dw3_pair(q4, 0);
                a2 = __smlad(x01, k01, a2);
                x01 = pqk_dw3_pair(q4, 2);
                a2 = __smlabb(x01, k2, a2);
                PQK_DW3_LDRD(kp, 0, k01, k2); /* taps 0,1 of row 0, tap 2 of rows 0 and 1 */
                a2 = __smlad(pqk_dw3_pair(q2, 0), k01, a2);
                a2 = __smlabb(x2, k2, a2);
                a1 = __smlabt(x2, k2, a1);
                a2 = __smlabt(x3, k2, a2);
            }
            x01 = pqk_dw3_pair(q1, 0);
            x2 = pqk_dw3_pair(q1, 2);
            a1 = __smlad(x01, k01, a1);
            a1 = __smlabb(x2, k2, a1);
            a0 = __smlabt(x2, k2, a0);
            a0 = __smlad(pqk_dw3_pair(q0, 0), k01, a0);
            a0 = __smlabb(pqk_dw3_pair(q0, 2), k2, a0);
            PQK_DW3_LDRD(kp, 8, k01, k2); /* taps 0,1 of row 1 */
            a0 = __smlad(x01, k01, a0);
            a2 = __smlad(pqk_dw3_pair(q3, 0), k01, a2);
            if (mode != PQK_REQUANT_GENERAL) {
                PQK_DW3_LDRD(kp, 24, rr.multiplier, rr.fast_operand);
                rr.fast_shift = kp[8];
            }
            /* stepping the pointers (o by one row, q0 to the next step's first row q3) needs no
               registers for multiples of the steps */
            *o = pqk_dw3_out(a0, &rr, mode);
            o += o_step;
            *o = pqk_dw3_out(a1, &rr, mode);
            o += o_step;
            *o = pqk_dw3_out(a2, &rr, mode);
            o += o_step;
#else
            const int32_t a0 = bias + q0[0] * k0 + q0[1] * k1 + q0[2] * k2 + q1[0] * k3 + q1[1] * k4 + q1[2] * k5
                             + q2[0] * k6 + q2[1] * k7 + q2[2] * k8;
            const int32_t a1 = bias + q1[0] * k0 + q1[1] * k1 + q1[2] * k2 + q2[0] * k3 + q2[1] * k4 + q2[2] * k5
                             + q3[0] * k6 + q3[1] * k7 + q3[2] * k8;
            const int32_t a2 = bias + q2[0] * k0 + q2[1] * k1 + q2[2] * k2 + q3[0] * k3 + q3[1] * k4 + q3[2] * k5
                             + q4[0] * k6 + q4[1] * k7 + q4[2] * k8;
            *o = pqk_dw3_out(a0, &r, mode);
            o += o_step;
            *o = pqk_dw3_out(a1, &r, mode);
            o += o_step;
            *o = pqk_dw3_out(a2, &r, mode);
            o += o_step;
#endif /* __ARM_FEATURE_DSP */
            q0 = q3;
        }
        /* the rows after the last triple, or every row at a vertical stride above 1 */
        for (n = out_h - 3 * triples; n > 0; n--) {
            const int16_t *const q1 = q0 + pw;
            const int16_t *const q2 = q1 + pw;
#if defined(__ARM_FEATURE_DSP)
            int32_t wa, wb, a0;
            pqk_requant rr = r;
            PQK_PIN_ADDRESS(kp);
            PQK_DW3_LDRD(kp, 0, wa, wb);
            a0 = __smlad(pqk_dw3_pair(q0, 0), wa, kp[5]);
            a0 = __smlabb(pqk_dw3_pair(q0, 2), wb, a0);
            a0 = __smlabt(pqk_dw3_pair(q1, 2), wb, a0);
            PQK_DW3_LDRD(kp, 8, wa, wb);
            a0 = __smlad(pqk_dw3_pair(q1, 0), wa, a0);
            a0 = __smlabb(pqk_dw3_pair(q2, 2), wb, a0);
            a0 = __smlad(pqk_dw3_pair(q2, 0), kp[4], a0);
            if (mode != PQK_REQUANT_GENERAL) {
                PQK_DW3_LDRD(kp, 24, rr.multiplier, rr.fast_operand);
                rr.fast_shift = kp[8];
            }
            *o = pqk_dw3_out(a0, &rr, mode);
#else
            const int32_t a0 = bias + q0[0] * k0 + q0[1] * k1 + q0[2] * k2 + q1[0] * k3 + q1[1] * k4 + q1[2] * k5
                             + q2[0] * k6 + q2[1] * k7 + q2[2] * k8;
            *o = pqk_dw3_out(a0, &r, mode);
#endif /* __ARM_FEATURE_DSP */
            o += o_step;
            q0 += q_step;
        }
    }
}

#if defined(__ARM_FEATURE_DSP)
/* The low halves of a and b as one word, a's low (PKHBT; GCC does not find it). */
static inline uint32_t pqk_dw3_low_halves(uint32_t a, uint32_t b)
{
#if defined(__GNUC__)
    uint32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
#else
    return (a & 0xFFFFu) | (b << 16);
#endif
}

/* The high halves of a and b as one word, a's low (PKHTB). */
static inline uint32_t pqk_dw3_high_halves(uint32_t a, uint32_t b)
{
#if defined(__GNUC__)
    uint32_t r;
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(b), "r"(a));
    return r;
#else
    return (a >> 16) | (b & 0xFFFF0000u);
#endif
}
#endif /* __ARM_FEATURE_DSP */

/* Copies channels c .. c + planes - 1 (planes 1 or PQK_DW3_PLANES) into their planes' interiors. */
static void pqk_dw3_fill(const pqk_conv_params *p, const pqk_dims *in_dims, const int8_t *input, int32_t c,
                         int32_t planes, int16_t *plane, int32_t plane_w, int32_t plane_values)
{
    const int32_t ch = in_dims->c;
    const int32_t in_w = in_dims->w;
    const int32_t offset = p->input_offset;
#if defined(__ARM_FEATURE_DSP)
    const int32_t offset2 = pqk_dup16(offset);
#endif /* __ARM_FEATURE_DSP */
    int32_t y;
    for (y = 0; y < in_dims->h; y++) {
        const int8_t *src = input + y * in_w * ch + c;
        int16_t *d = plane + (y + p->padding.h) * plane_w + p->padding.w;
        int16_t *const end = d + in_w;
        if (planes == 1) {
            for (; d != end; d++) {
                *d = (int16_t)(*src + offset);
                src += ch;
            }
            continue;
        }
#if defined(__ARM_FEATURE_DSP)
        /* two pixels a step: each plane gets one word (PKHBT / PKHTB pair the two pixels' halves) */
        int16_t *const pairs_end = d + (in_w & ~1);
        for (; d != pairs_end; d += 2) {
            const int32_t xa = (int32_t)pqk_read_u32(src);
            const int32_t xb = (int32_t)pqk_read_u32(src + ch);
            const uint32_t a02 = (uint32_t)__sxtab16(offset2, xa);
            const uint32_t a13 = (uint32_t)pqk_sxtab16_ror8(offset2, xa);
            const uint32_t b02 = (uint32_t)__sxtab16(offset2, xb);
            const uint32_t b13 = (uint32_t)pqk_sxtab16_ror8(offset2, xb);
            pqk_write_u32(d, pqk_dw3_low_halves(a02, b02));
            pqk_write_u32(d + plane_values, pqk_dw3_low_halves(a13, b13));
            pqk_write_u32(d + 2 * plane_values, pqk_dw3_high_halves(a02, b02));
            pqk_write_u32(d + 3 * plane_values, pqk_dw3_high_halves(a13, b13));
            src += 2 * ch;
        }
#endif /* __ARM_FEATURE_DSP */
        for (; d != end; d++) {
#if defined(__ARM_FEATURE_DSP)
            const int32_t x = (int32_t)pqk_read_u32(src);
            const int32_t v02 = __sxtab16(offset2, x);
            const int32_t v13 = pqk_sxtab16_ror8(offset2, x);
            d[0] = (int16_t)v02;
            d[plane_values] = (int16_t)v13;
            d[2 * plane_values] = (int16_t)(v02 >> 16);
            d[3 * plane_values] = (int16_t)(v13 >> 16);
#else
            d[0] = (int16_t)(src[0] + offset);
            d[plane_values] = (int16_t)(src[1] + offset);
            d[2 * plane_values] = (int16_t)(src[2] + offset);
            d[3 * plane_values] = (int16_t)(src[3] + offset);
#endif /* __ARM_FEATURE_DSP */
            src += ch;
        }
    }
}

/*
 * GCC's pre-allocation scheduler hoists the plane loads of a step to its top and then spills them (the
 * step's 27 MACs take 95 instructions instead of 68 on the M4): it is off for this function.
 */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-schedule-insns")))
#endif
pqk_status pqk_depthwise_conv_3x3_s8(const pqk_context *ctx, const pqk_conv_params *params,
                                     const pqk_channel_quant *quant, const pqk_dims *input_dims, const int8_t *input,
                                     const pqk_dims *filter_dims, const int8_t *filter,
                                     const pqk_dims *output_dims, int8_t *output)
{
    const int32_t ch = input_dims->c;
    int16_t *planes;
    int32_t plane_h;
    int32_t plane_w;
    int32_t plane_values;
    int32_t mode;
    int32_t scale;
    int32_t c;
    if (!pqk_dims_ok(input_dims) || !pqk_dims_ok(output_dims) || !pqk_conv_params_ok(params)
        || filter_dims->n != 1 || filter_dims->h != 3 || filter_dims->w != 3 || filter_dims->c != ch
        || output_dims->c != ch || params->dilation.h != 1 || params->dilation.w != 1 || params->padding.h > 1
        || params->padding.w > 1) {
        return PQK_ERROR_ARGUMENT;
    }
    if (!pqk_context_ok(ctx, pqk_depthwise_conv_3x3_s8_get_buffer_size(params, input_dims, output_dims))) {
        return PQK_ERROR_SIZE;
    }
    pqk_dw3_plane(params, input_dims, output_dims, &plane_h, &plane_w);
    plane_values = pqk_dw3_plane_bytes(plane_h, plane_w) / 2;
    planes = (int16_t *)ctx->buf;
    /* the borders stay zero: every pass rewrites the same interior cells */
    memset(planes, 0, (size_t)pqk_depthwise_conv_3x3_s8_get_buffer_size(params, input_dims, output_dims));
    mode = pqk_requant_mode(quant, ch, params->output_offset, &params->activation);
    if (!PQK_REQUANT_COMPILED(mode)) {
        return PQK_ERROR_ARGUMENT; /* the general path, not compiled in this project */
    }
#if defined(__ARM_FEATURE_DSP)
    scale = mode != PQK_REQUANT_GENERAL ? 2 : 1;
#else
    scale = 1;
#endif /* __ARM_FEATURE_DSP */
    for (c = 0; c < ch;) {
        const int32_t group = ch - c >= PQK_DW3_PLANES ? PQK_DW3_PLANES : 1;
        int32_t j;
        pqk_dw3_fill(params, input_dims, input, c, group, planes, plane_w, plane_values);
        for (j = 0; j < group; j++, c++) {
            const pqk_requant rq = pqk_requant_of(&quant[c], params->output_offset, &params->activation);
            const int16_t *const plane = planes + j * plane_values;
            int32_t k[9];
            int32_t i;
            for (i = 0; i < 9; i++) {
                k[i] = scale * filter[i * ch + c];
            }
#define PQK_DW3_BODY(m)                                                                                      \
    pqk_dw3_channel(plane, plane_w, params, output_dims, ch, k, scale * quant[c].bias, &rq, m, output + c)
            PQK_REQUANT_DISPATCH(mode, PQK_DW3_BODY);
#undef PQK_DW3_BODY
        }
    }
    return PQK_OK;
}
