/*
 * pqk_nn_sparse_block_s16.c - the sparse convolution kernels' inner loop: every decoded weight of a row
 * times the eight block pixels it meets, then the row's eight outputs requantized. One call covers all
 * rows of a block and keeps a row's accumulators in registers from the bias to the outputs; the loops
 * are specialised per requantization mode and index width, so neither is tested in them.
 *
 * Where a 32 x 32 -> 64-bit multiply-accumulate is one instruction (PQK_SPARSE_PAIRS: SMLAL on every
 * Thumb-2 core, and the host), a block word holds two pixels' inputs, x_a + x_b * 2^23
 * (pqk_nn_support.h), and one SMLAL of the weight with it adds w * x_a to the low 23 bits of a 64-bit
 * accumulator and w * x_b to the bits above: two MACs an instruction, four SMLALs and two LDRDs a
 * weight for eight pixels (the int16 block needs eight SMLAxy). The fields stay apart while the sum of
 * w * x_a stays within +-2^22: |x| <= 255 (input offset -127..128) and |w| <= 127, so runs of
 * PQK_SPARSE_PAIR_RUN = 129 weights always fit. The low field is biased by 2^22, so it never borrows
 * from the high one; the row's bias rides in the high field (the assembly adds it to both sums at the
 * end). Between the runs of a longer row (the decoded list marks them) the even pixels' sums move to
 * 32-bit carries and the odd ones into the next run's high field. The decoded list (pqk_sparse_decode)
 * ends each row with a zero weight, so the loop needs one pointer and no count.
 *
 * On Thumb-2 cores built with GCC, tables without long rows or uint16 indices in the full-range
 * requantization (every sparse layer of the demo) run in an assembly routine,
 * pqk_sparse_pair_rows_dsp (M4, M7, M33, M55: SMMLAR requantization) or pqk_sparse_pair_rows_plain
 * (M3): with 14 registers for 8 accumulator words, the weight, its address, two block words, the list
 * pointer and the block, a weight costs 10 instructions (the C loop 14: GCC keeps the block's address
 * on the stack), and a row's sums are split and requantized in their registers (a part block's
 * outputs leave through the frame). The C loops keep every other case and core; SparseConvPairsOnQemuTest
 * and the bit-exactness tests hold both to the Java reference.
 *
 * Elsewhere (ARMv6-M: no long multiply) the block is int16 and every MAC is a 16 x 16 multiply.
 */
#include "pqk_kernel_util.h"
#include "pqk_nn_support.h"

#if defined(__GNUC__)
#define PQK_NOINLINE __attribute__((noinline))
#else
#define PQK_NOINLINE
#endif

/*
 * Requantizes a0..a7 in mode with rq and stores them to out[p * stride + r] for p < pixels (a whole
 * block without a loop).
 */
#define PQK_SPARSE_STORE(mode, a0, a1, a2, a3, a4, a5, a6, a7)                                               \
    do {                                                                                                     \
        if (pixels == PQK_SPARSE_BLOCK) {                                                                    \
            out[r] = pqk_requant_apply(a0, &rq, mode);                                                       \
            out[stride + r] = pqk_requant_apply(a1, &rq, mode);                                              \
            out[2 * stride + r] = pqk_requant_apply(a2, &rq, mode);                                          \
            out[3 * stride + r] = pqk_requant_apply(a3, &rq, mode);                                          \
            out[4 * stride + r] = pqk_requant_apply(a4, &rq, mode);                                          \
            out[5 * stride + r] = pqk_requant_apply(a5, &rq, mode);                                          \
            out[6 * stride + r] = pqk_requant_apply(a6, &rq, mode);                                          \
            out[7 * stride + r] = pqk_requant_apply(a7, &rq, mode);                                          \
        } else {                                                                                             \
            int32_t acc_[PQK_SPARSE_BLOCK];                                                                  \
            int32_t p_;                                                                                      \
            acc_[0] = a0;                                                                                    \
            acc_[1] = a1;                                                                                    \
            acc_[2] = a2;                                                                                    \
            acc_[3] = a3;                                                                                    \
            acc_[4] = a4;                                                                                    \
            acc_[5] = a5;                                                                                    \
            acc_[6] = a6;                                                                                    \
            acc_[7] = a7;                                                                                    \
            for (p_ = 0; p_ < pixels; p_++) {                                                                \
                out[p_ * stride + r] = pqk_requant_apply(acc_[p_], &rq, mode);                               \
            }                                                                                                \
        }                                                                                                    \
    } while (0)

#if PQK_SPARSE_PAIRS

#define PQK_SPARSE_PAIR_BIAS 0x400000 /* 2^22: keeps the low field in [0, 2^23) */
#define PQK_SPARSE_PAIR_LOW 0x7FFFFFu /* the low field's 23 bits */

/* The block's word type. */
#define PQK_SPARSE_BLOCK_WORD int32_t

/* a01..a67 += weight * the block word of pixel pair 0..3, for one weight w at input k. */
#define PQK_SPARSE_PAIR_MAC(w, k)                                                                            \
    do {                                                                                                     \
        const int32_t *x_ = base + PQK_SPARSE_BLOCK / 2 * (k);                                               \
        int32_t x0_;                                                                                         \
        int32_t x1_;                                                                                         \
        PQK_PIN_ADDRESS(x_);                                                                                 \
        pqk_read_2x32(x_, &x0_, &x1_);                                                                       \
        a01 += (int64_t)(w) * x0_;                                                                           \
        a23 += (int64_t)(w) * x1_;                                                                           \
        pqk_read_2x32(x_ + 2, &x0_, &x1_);                                                                   \
        a45 += (int64_t)(w) * x0_;                                                                           \
        a67 += (int64_t)(w) * x1_;                                                                           \
    } while (0)

/* The two sums of pair accumulator a: even = carry + the low field, odd = the high field. */
#define PQK_SPARSE_PAIR_SPLIT(a, carry, even, odd)                                                           \
    do {                                                                                                     \
        (even) = (int32_t)((uint32_t)(carry) - (uint32_t)PQK_SPARSE_PAIR_BIAS                                \
                           + ((uint32_t)(uint64_t)(a) & PQK_SPARSE_PAIR_LOW));                               \
        (odd) = (int32_t)(uint32_t)(uint64_t)((a) >> 23);                                                    \
    } while (0)

/* A run ends: the even sum moves to the carry, the odd sum into the high field of the next run. */
#define PQK_SPARSE_PAIR_FOLD(a, carry)                                                                       \
    do {                                                                                                     \
        int32_t odd_;                                                                                        \
        PQK_SPARSE_PAIR_SPLIT(a, carry, carry, odd_);                                                        \
        (a) = (int64_t)odd_ * (1 << 23) + PQK_SPARSE_PAIR_BIAS;                                              \
    } while (0)

/* An entry's input k and weight w (n = 2: k, w; n = 3: k low, k high, w). */
#define PQK_SPARSE_ENTRY_K(e, n)                                                                             \
    ((n) == 2 ? (int32_t)(e)[0] : (int32_t)((uint32_t)(e)[0] | ((uint32_t)(e)[1] << 8)))
#define PQK_SPARSE_ENTRY_W(e, n) ((int32_t)(int8_t)(e)[(n) - 1])

/*
 * All rows over the block, from the decoded list of entries of n bytes: for row r, bias + its weights
 * times the eight pixels, requantized in mode (a constant) and stored to out[p * stride + r] for
 * p < pixels.
 */
#define PQK_SPARSE_ROWS_FUNCTION(name, n, mode)                                                              \
    static void name(const PQK_SPARSE_BLOCK_WORD *base, const void *decoded, const pqk_sparse_table *t,      \
                     const pqk_channel_quant *quant, const pqk_requant *layer, int32_t pixels, int8_t *out,  \
                     int32_t stride)                                                                         \
    {                                                                                                        \
        const uint8_t *e = (const uint8_t *)decoded;                                                         \
        const int32_t rows = t->rows;                                                                        \
        int32_t r;                                                                                           \
        for (r = 0; r < rows; r++) {                                                                         \
            const int32_t bias = quant[r].bias;                                                              \
            const int64_t init = (int64_t)bias * (1 << 23) + PQK_SPARSE_PAIR_BIAS;                           \
            int64_t a01 = init;                                                                              \
            int64_t a23 = init;                                                                              \
            int64_t a45 = init;                                                                              \
            int64_t a67 = init;                                                                              \
            int32_t c0 = bias;                                                                               \
            int32_t c2 = bias;                                                                               \
            int32_t c4 = bias;                                                                               \
            int32_t c6 = bias;                                                                               \
            int32_t a0, a1, a2, a3, a4, a5, a6, a7;                                                          \
            pqk_requant rq;                                                                                  \
            for (;;) {                                                                                       \
                const int32_t w0 = PQK_SPARSE_ENTRY_W(e, n);                                                 \
                const int32_t k0 = PQK_SPARSE_ENTRY_K(e, n);                                                 \
                e += n;                                                                                      \
                if (w0 == 0) {                                                                               \
                    if (!PQK_SPARSE_LONG_ROWS || k0 == 0) {                                                  \
                        break; /* the row ends */                                                            \
                    }                                                                                        \
                    PQK_SPARSE_PAIR_FOLD(a01, c0);                                                           \
                    PQK_SPARSE_PAIR_FOLD(a23, c2);                                                           \
                    PQK_SPARSE_PAIR_FOLD(a45, c4);                                                           \
                    PQK_SPARSE_PAIR_FOLD(a67, c6);                                                           \
                    continue;                                                                                \
                }                                                                                            \
                PQK_SPARSE_PAIR_MAC(w0, k0);                                                                 \
            }                                                                                                \
            PQK_SPARSE_PAIR_SPLIT(a01, c0, a0, a1);                                                          \
            PQK_SPARSE_PAIR_SPLIT(a23, c2, a2, a3);                                                          \
            PQK_SPARSE_PAIR_SPLIT(a45, c4, a4, a5);                                                          \
            PQK_SPARSE_PAIR_SPLIT(a67, c6, a6, a7);                                                          \
            rq = pqk_requant_channel(&quant[r], layer);                                                      \
            PQK_SPARSE_STORE(mode, a0, a1, a2, a3, a4, a5, a6, a7);                                          \
        }                                                                                                    \
    }

#define PQK_SPARSE_ROWS_K8(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, 2, mode)
#define PQK_SPARSE_ROWS_K16(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, 3, mode)

#if !defined(PQK_SPARSE_NO_ASM) && defined(__GNUC__) && defined(__thumb2__) && PQK_REQUANT_FULL_RANGE_COMPILED
#define PQK_SPARSE_ASM 1
/* The job of the assembly routines, int32 words (offsets in bytes in the routines). */
enum {
    PQK_SPARSE_JOB_BLOCK,   /* 0: the block */
    PQK_SPARSE_JOB_ENTRIES, /* 4: the decoded list, 2-byte entries, no run ends */
    PQK_SPARSE_JOB_QUANT,   /* 8: row 0's pqk_channel_quant (9 bytes: bias, multiplier, int8 shift) */
    PQK_SPARSE_JOB_OUT,     /* 12: row 0's output of pixel 0 */
    PQK_SPARSE_JOB_STRIDE,  /* 16: output bytes from one pixel to the next */
    PQK_SPARSE_JOB_ROWS,    /* 20: rows (>= 1) */
    PQK_SPARSE_JOB_OPERAND, /* 24: the layer's fast_operand (pqk_requant_layer) */
    PQK_SPARSE_JOB_PIXELS,  /* 28: pixels to store (1..8) */
    PQK_SPARSE_JOB_WORDS
};

/*
 * One weight of the list at r10 (k, w) on the block at r11: r0 = w (a zero weight ends the row: to
 * 3f), r1 = its block words' address, r12/lr two words at a time; r2:r3 .. r8:r9 the pair accumulators
 * (low, high word) of pixels 0-1 .. 6-7.
 */
#define PQK_SPARSE_ASM_WEIGHT                                                                                \
    "ldrsb r0, [r10, #1]\n\t"                                                                                \
    "cbz r0, 3f\n\t"                                                                                         \
    "ldrb r1, [r10], #2\n\t"                                                                                 \
    "add r1, r11, r1, lsl #4\n\t"                                                                            \
    "ldrd r12, lr, [r1]\n\t"                                                                                 \
    "smlal r2, r3, r0, r12\n\t"                                                                              \
    "smlal r4, r5, r0, lr\n\t"                                                                               \
    "ldrd r12, lr, [r1, #8]\n\t"                                                                             \
    "smlal r6, r7, r0, r12\n\t"                                                                              \
    "smlal r8, r9, r0, lr\n\t"

/* The odd pixel's sum of a pair accumulator (lo, hi) into hi: the high field + r1 (the bias). */
#define PQK_SPARSE_ASM_ODD(lo, hi)                                                                           \
    "lsr r0, " lo ", #23\n\t"                                                                                \
    "orr " hi ", r0, " hi ", lsl #9\n\t"                                                                     \
    "add " hi ", " hi ", r1\n\t"

/* The even pixel's sum into lo: the low field + r1 (the bias - 2^22). */
#define PQK_SPARSE_ASM_EVEN(lo)                                                                              \
    "ubfx " lo ", " lo ", #0, #23\n\t"                                                                       \
    "add " lo ", " lo ", r1\n\t"

/*
 * The routine up to the requantization. Frame (after pushing r4-r11, lr): [sp] the accumulators' start,
 * 2^22 (the low field's bias) and 0 four times, loaded by one LDM a row; [sp, #32] the list and
 * [sp, #36] the block while a row's outputs are made, [sp, #40] this row's quant, [sp, #44] its output,
 * [sp, #48] stride, [sp, #52] rows left, [sp, #56] the layer operand, [sp, #60] pixels, [sp, #64] eight
 * words for the outputs of a part block. At its end r2..r9 hold the row's eight sums (pixels 0..7), r11
 * points past the row's quant and r1 is free.
 */
#define PQK_SPARSE_ASM_ROW_SUMS                                                                              \
    "push {r4-r11, lr}\n\t"                                                                                  \
    "sub sp, sp, #100\n\t"                                                                                   \
    "ldrd r2, r3, [r0, #8]\n\t"                                                                              \
    "ldrd r4, r5, [r0, #16]\n\t"                                                                             \
    "ldrd r6, r7, [r0, #24]\n\t"                                                                             \
    "strd r2, r3, [sp, #40]\n\t"                                                                             \
    "strd r4, r5, [sp, #48]\n\t"                                                                             \
    "strd r6, r7, [sp, #56]\n\t"                                                                             \
    "mov r2, #0x400000\n\t"                                                                                  \
    "mov r3, #0\n\t"                                                                                         \
    "mov r4, r2\n\t"                                                                                         \
    "mov r5, r3\n\t"                                                                                         \
    "mov r6, r2\n\t"                                                                                         \
    "mov r7, r3\n\t"                                                                                         \
    "mov r8, r2\n\t"                                                                                         \
    "mov r9, r3\n\t"                                                                                         \
    "stmia sp, {r2-r9}\n\t"                                                                                  \
    "ldrd r11, r10, [r0, #0]\n"                                                                              \
    "1:\n\t"                                                                                                 \
    "ldmia sp, {r2-r9}\n"                                                                                    \
    "2:\n\t"                                                                                                 \
    PQK_SPARSE_ASM_WEIGHT                                                                                    \
    PQK_SPARSE_ASM_WEIGHT                                                                                    \
    "b 2b\n"                                                                                                 \
    "3:\n\t"                                                                                                 \
    "add r10, r10, #2\n\t"                                                                                   \
    "strd r10, r11, [sp, #32]\n\t"                                                                           \
    "ldr r11, [sp, #40]\n\t"                                                                                 \
    "ldr r1, [r11], #9\n\t"                                                                                  \
    "str r11, [sp, #40]\n\t"                                                                                 \
    PQK_SPARSE_ASM_ODD("r2", "r3")                                                                           \
    PQK_SPARSE_ASM_ODD("r4", "r5")                                                                           \
    PQK_SPARSE_ASM_ODD("r6", "r7")                                                                           \
    PQK_SPARSE_ASM_ODD("r8", "r9")                                                                           \
    "sub r1, r1, #0x400000\n\t"                                                                              \
    PQK_SPARSE_ASM_EVEN("r2")                                                                                \
    PQK_SPARSE_ASM_EVEN("r4")                                                                                \
    PQK_SPARSE_ASM_EVEN("r6")                                                                                \
    PQK_SPARSE_ASM_EVEN("r8")

/*
 * After the requantization (r2..r9 the row's eight output values): stores them, pixel p to r10 +
 * p * r11 (a whole block straight, the first [sp, #60] of a part block from the frame), then the next
 * row or the return.
 */
#define PQK_SPARSE_ASM_STORE_AND_NEXT_ROW                                                                    \
    "ldrd r10, r11, [sp, #44]\n\t"                                                                           \
    "ldr r0, [sp, #60]\n\t"                                                                                  \
    "cmp r0, #8\n\t"                                                                                         \
    "bne 4f\n\t"                                                                                             \
    "strb r2, [r10]\n\t"                                                                                     \
    "strb r3, [r10, r11]\n\t"                                                                                \
    "add r10, r10, r11, lsl #1\n\t"                                                                          \
    "strb r4, [r10]\n\t"                                                                                     \
    "strb r5, [r10, r11]\n\t"                                                                                \
    "add r10, r10, r11, lsl #1\n\t"                                                                          \
    "strb r6, [r10]\n\t"                                                                                     \
    "strb r7, [r10, r11]\n\t"                                                                                \
    "add r10, r10, r11, lsl #1\n\t"                                                                          \
    "strb r8, [r10]\n\t"                                                                                     \
    "strb r9, [r10, r11]\n"                                                                                  \
    "5:\n\t"                                                                                                 \
    "ldr r0, [sp, #44]\n\t"                                                                                  \
    "add r0, r0, #1\n\t"                                                                                     \
    "str r0, [sp, #44]\n\t"                                                                                  \
    "ldrd r10, r11, [sp, #32]\n\t"                                                                           \
    "ldr r0, [sp, #52]\n\t"                                                                                  \
    "subs r0, r0, #1\n\t"                                                                                    \
    "str r0, [sp, #52]\n\t"                                                                                  \
    "bne 1b\n\t"                                                                                             \
    "add sp, sp, #100\n\t"                                                                                   \
    "pop {r4-r11, pc}\n"                                                                                     \
    "4:\n\t"                                                                                                 \
    "add r1, sp, #64\n\t"                                                                                    \
    "stmia r1, {r2-r9}\n"                                                                                    \
    "6:\n\t"                                                                                                 \
    "ldr r2, [r1], #4\n\t"                                                                                   \
    "strb r2, [r10]\n\t"                                                                                     \
    "add r10, r10, r11\n\t"                                                                                  \
    "subs r0, r0, #1\n\t"                                                                                    \
    "bne 6b\n\t"                                                                                             \
    "b 5b\n\t"

/*
 * The routine's head, the same on both core kinds: its section and symbol, the row sums, and the channel's
 * requantization constants: multiplier (r12), e = -shift (r1), operand << (e - 2) (lr).
 */
#define PQK_SPARSE_ASM_HEAD(name)                                                                            \
    ".pushsection .text." name ",\"ax\",%progbits\n\t"                                                      \
    ".syntax unified\n\t"                                                                                    \
    ".thumb\n\t"                                                                                             \
    ".p2align 2\n\t"                                                                                         \
    ".global " name "\n\t"                                                                                   \
    ".type " name ", %function\n\t"                                                                          \
    ".thumb_func\n" name ":\n\t"                                                                             \
    PQK_SPARSE_ASM_ROW_SUMS                                                                                  \
    "ldr r12, [r11, #-5]\n\t"                                                                                \
    "ldrsb r1, [r11, #-1]\n\t"                                                                               \
    "ldr lr, [sp, #56]\n\t"                                                                                  \
    "rsb r1, r1, #0\n\t"                                                                                     \
    "sub r0, r1, #2\n\t"                                                                                     \
    "and r0, r0, #31\n\t"                                                                                    \
    "lsl lr, lr, r0\n\t"

/* Its tail: the eight sums requantized by the core kind's PQK_SPARSE_ASM_OUT, stored, then the next row. */
#define PQK_SPARSE_ASM_TAIL(name)                                                                            \
    PQK_SPARSE_ASM_OUT("r2")                                                                                 \
    PQK_SPARSE_ASM_OUT("r3")                                                                                 \
    PQK_SPARSE_ASM_OUT("r4")                                                                                 \
    PQK_SPARSE_ASM_OUT("r5")                                                                                 \
    PQK_SPARSE_ASM_OUT("r6")                                                                                 \
    PQK_SPARSE_ASM_OUT("r7")                                                                                 \
    PQK_SPARSE_ASM_OUT("r8")                                                                                 \
    PQK_SPARSE_ASM_OUT("r9")                                                                                 \
    PQK_SPARSE_ASM_STORE_AND_NEXT_ROW                                                                        \
    ".size " name ", .-" name "\n\t"                                                                          \
    ".popsection"

#if defined(__ARM_FEATURE_DSP)
void pqk_sparse_pair_rows_dsp(const int32_t *job);
#define pqk_sparse_pair_rows pqk_sparse_pair_rows_dsp

/* Sum x requantized in place (pqk_requant_fast, DSP: r12 multiplier, lr operand, r1 e) and saturated. */
#define PQK_SPARSE_ASM_OUT(x)                                                                                \
    "lsl r0, " x ", #1\n\t"                                                                                  \
    "smmlar r0, r0, r12, lr\n\t"                                                                             \
    "add r0, r0, " x ", asr #31\n\t"                                                                         \
    "asr r0, r0, r1\n\t"                                                                                     \
    "ssat " x ", #8, r0\n\t"

__asm__(PQK_SPARSE_ASM_HEAD("pqk_sparse_pair_rows_dsp")
        PQK_SPARSE_ASM_TAIL("pqk_sparse_pair_rows_dsp"));
#else
void pqk_sparse_pair_rows_plain(const int32_t *job);
#define pqk_sparse_pair_rows pqk_sparse_pair_rows_plain

/*
 * Sum x requantized in place (pqk_requant_fast, plain: r12 multiplier, lr operand, r1 e - 1; the
 * rounding constant's words from x's sign, r11 the high one) and saturated.
 */
#define PQK_SPARSE_ASM_OUT(x)                                                                                \
    "asr r0, " x ", #31\n\t"                                                                                 \
    "add r11, lr, r0\n\t"                                                                                    \
    "lsl r0, r0, #31\n\t"                                                                                    \
    "add r0, r0, #0x40000000\n\t"                                                                            \
    "smlal r0, r11, " x ", r12\n\t"                                                                          \
    "asr r11, r11, r1\n\t"                                                                                   \
    "ssat " x ", #8, r11\n\t"

__asm__(PQK_SPARSE_ASM_HEAD("pqk_sparse_pair_rows_plain")
        "sub r1, r1, #1\n\t" /* the plain requantization shifts by e - 1 */
        PQK_SPARSE_ASM_TAIL("pqk_sparse_pair_rows_plain"));
#endif /* __ARM_FEATURE_DSP */
#else
#define PQK_SPARSE_ASM 0 /* also with -DPQK_SPARSE_NO_ASM: the C loops only */
#endif

#else /* !PQK_SPARSE_PAIRS */

#define PQK_SPARSE_ASM 0
#define PQK_SPARSE_BLOCK_WORD uint8_t

/* a0..a7 += weight * block pixel 0..7, for one weight w at input k (w and k are evaluated more than once). */
#if defined(__ARM_FEATURE_DSP)
#define PQK_SPARSE_MAC(w, k)                                                                                 \
    do {                                                                                                     \
        const uint8_t *x_ = base + 2 * PQK_SPARSE_BLOCK * (k);                                               \
        int32_t lo_;                                                                                         \
        int32_t hi_;                                                                                         \
        PQK_PIN_ADDRESS(x_);                                                                                 \
        pqk_read_2x32(x_, &lo_, &hi_);                                                                       \
        a0 = __smlabb(lo_, (w), a0);                                                                         \
        a1 = __smlatb(lo_, (w), a1);                                                                         \
        a2 = __smlabb(hi_, (w), a2);                                                                         \
        a3 = __smlatb(hi_, (w), a3);                                                                         \
        pqk_read_2x32(x_ + 8, &lo_, &hi_);                                                                   \
        a4 = __smlabb(lo_, (w), a4);                                                                         \
        a5 = __smlatb(lo_, (w), a5);                                                                         \
        a6 = __smlabb(hi_, (w), a6);                                                                         \
        a7 = __smlatb(hi_, (w), a7);                                                                         \
    } while (0)
#else
#define PQK_SPARSE_MAC(w, k)                                                                                 \
    do {                                                                                                     \
        const int16_t *x_ = (const int16_t *)(const void *)base + PQK_SPARSE_BLOCK * (k);                    \
        a0 += (w) * x_[0];                                                                                   \
        a1 += (w) * x_[1];                                                                                   \
        a2 += (w) * x_[2];                                                                                   \
        a3 += (w) * x_[3];                                                                                   \
        a4 += (w) * x_[4];                                                                                   \
        a5 += (w) * x_[5];                                                                                   \
        a6 += (w) * x_[6];                                                                                   \
        a7 += (w) * x_[7];                                                                                   \
    } while (0)
#endif /* __ARM_FEATURE_DSP */

/*
 * All rows over the block, from pqk_sparse_unpack's arrays (indices of index_type): for row r, bias +
 * its weights times the eight pixels, requantized in mode (a constant) and stored to
 * out[p * stride + r] for p < pixels. Not inlined: alone, the inner loop keeps all eight accumulators
 * and its pointers in registers (the row loop's own values wait on the stack), and there is no call per
 * row.
 */
#define PQK_SPARSE_ROWS_FUNCTION(name, index_type, mode)                                                     \
    static void name(const PQK_SPARSE_BLOCK_WORD *base, const void *decoded, const pqk_sparse_table *t,      \
                     const pqk_channel_quant *quant, const pqk_requant *layer, int32_t pixels, int8_t *out,  \
                     int32_t stride)                                                                         \
    {                                                                                                        \
        const int32_t rows = t->rows;                                                                        \
        uint16_t *row_nnz;                                                                                   \
        void *index;                                                                                         \
        int8_t *weights;                                                                                     \
        const int8_t *w;                                                                                     \
        const index_type *k;                                                                                 \
        int32_t r;                                                                                           \
        pqk_sparse_layout(t, (void *)(uintptr_t)decoded, &row_nnz, &index, &weights);                        \
        w = weights;                                                                                         \
        k = (const index_type *)index;                                                                       \
        for (r = 0; r < rows; r++) {                                                                         \
            const int8_t *const w_end = w + row_nnz[r];                                                      \
            const int32_t bias = quant[r].bias;                                                              \
            int32_t a0 = bias;                                                                               \
            int32_t a1 = bias;                                                                               \
            int32_t a2 = bias;                                                                               \
            int32_t a3 = bias;                                                                               \
            int32_t a4 = bias;                                                                               \
            int32_t a5 = bias;                                                                               \
            int32_t a6 = bias;                                                                               \
            int32_t a7 = bias;                                                                               \
            pqk_requant rq;                                                                                  \
            while (w != w_end) {                                                                             \
                const int32_t w0 = *w++;                                                                     \
                const int32_t k0 = *k++;                                                                     \
                PQK_SPARSE_MAC(w0, k0);                                                                      \
            }                                                                                                \
            rq = pqk_requant_channel(&quant[r], layer);                                                      \
            PQK_SPARSE_STORE(mode, a0, a1, a2, a3, a4, a5, a6, a7);                                          \
        }                                                                                                    \
    }

#define PQK_SPARSE_ROWS_K8(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, uint8_t, mode)
#define PQK_SPARSE_ROWS_K16(name, mode) PQK_SPARSE_ROWS_FUNCTION(name, uint16_t, mode)

#endif /* PQK_SPARSE_PAIRS */

/*
 * The C loops are compiled unless the assembly routine takes every layer the project can run: the
 * full-range mode only, no uint16 indices, no long rows (PQK_REQUANT_MODES, PQK_SPARSE_WIDE_INDEX,
 * PQK_SPARSE_LONG_ROWS; the kernels and pqk_sparse_decode refuse the rest).
 */
#define PQK_SPARSE_C_ROWS                                                                                    \
    (!PQK_SPARSE_ASM || PQK_SPARSE_WIDE_INDEX || PQK_SPARSE_LONG_ROWS || PQK_REQUANT_GENERAL_COMPILED        \
     || PQK_REQUANT_FAST_COMPILED)

#if PQK_SPARSE_C_ROWS
/* Only the copies the project can run are compiled (PQK_REQUANT_MODES, PQK_SPARSE_WIDE_INDEX). */
#if PQK_REQUANT_FULL_RANGE_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K8(pqk_sparse_rows_k8_full, PQK_REQUANT_FAST_FULL_RANGE)
#endif
#if PQK_REQUANT_FAST_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K8(pqk_sparse_rows_k8_fast, PQK_REQUANT_FAST)
#endif
#if PQK_REQUANT_GENERAL_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K8(pqk_sparse_rows_k8_general, PQK_REQUANT_GENERAL)
#endif
#if PQK_SPARSE_WIDE_INDEX
#if PQK_REQUANT_FULL_RANGE_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K16(pqk_sparse_rows_k16_full, PQK_REQUANT_FAST_FULL_RANGE)
#endif
#if PQK_REQUANT_FAST_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K16(pqk_sparse_rows_k16_fast, PQK_REQUANT_FAST)
#endif
#if PQK_REQUANT_GENERAL_COMPILED
PQK_NOINLINE PQK_SPARSE_ROWS_K16(pqk_sparse_rows_k16_general, PQK_REQUANT_GENERAL)
#endif
#endif /* PQK_SPARSE_WIDE_INDEX */
#endif /* PQK_SPARSE_C_ROWS */

void pqk_nn_sparse_block_s16(const int16_t *block, const void *decoded, const pqk_sparse_table *filter,
                             const pqk_channel_quant *quant, int32_t mode, int32_t output_offset,
                             const pqk_activation *act, int32_t pixels, int8_t *out, int32_t out_stride)
{
    const PQK_SPARSE_BLOCK_WORD *const base = (const PQK_SPARSE_BLOCK_WORD *)(const void *)block;
    const pqk_requant layer = pqk_requant_layer(output_offset, act);
    (void)mode; /* unread when only the general copies are compiled */
#if PQK_SPARSE_ASM
    if (!PQK_SPARSE_C_ROWS || (mode == PQK_REQUANT_FAST_FULL_RANGE && filter->cols <= 256
                               && filter->max_row_nnz <= PQK_SPARSE_PAIR_RUN)) {
        int32_t job[PQK_SPARSE_JOB_WORDS];
        job[PQK_SPARSE_JOB_BLOCK] = (int32_t)(uintptr_t)base;
        job[PQK_SPARSE_JOB_ENTRIES] = (int32_t)(uintptr_t)decoded;
        job[PQK_SPARSE_JOB_QUANT] = (int32_t)(uintptr_t)quant;
        job[PQK_SPARSE_JOB_OUT] = (int32_t)(uintptr_t)out;
        job[PQK_SPARSE_JOB_STRIDE] = out_stride;
        job[PQK_SPARSE_JOB_ROWS] = filter->rows;
        job[PQK_SPARSE_JOB_OPERAND] = layer.fast_operand;
        job[PQK_SPARSE_JOB_PIXELS] = pixels;
        pqk_sparse_pair_rows(job);
        return;
    }
#endif /* PQK_SPARSE_ASM */
#if PQK_SPARSE_C_ROWS
#if PQK_SPARSE_WIDE_INDEX
    if (filter->cols > 256) {
#if PQK_REQUANT_FULL_RANGE_COMPILED
        if (mode == PQK_REQUANT_FAST_FULL_RANGE) {
            pqk_sparse_rows_k16_full(base, decoded, filter, quant, &layer, pixels, out, out_stride);
            return;
        }
#endif
#if PQK_REQUANT_FAST_COMPILED
        if (mode == PQK_REQUANT_FAST) {
            pqk_sparse_rows_k16_fast(base, decoded, filter, quant, &layer, pixels, out, out_stride);
            return;
        }
#endif
#if PQK_REQUANT_GENERAL_COMPILED
        pqk_sparse_rows_k16_general(base, decoded, filter, quant, &layer, pixels, out, out_stride);
#endif
        return;
    }
#endif /* PQK_SPARSE_WIDE_INDEX */
#if PQK_REQUANT_FULL_RANGE_COMPILED
    if (mode == PQK_REQUANT_FAST_FULL_RANGE) {
        pqk_sparse_rows_k8_full(base, decoded, filter, quant, &layer, pixels, out, out_stride);
        return;
    }
#endif
#if PQK_REQUANT_FAST_COMPILED
    if (mode == PQK_REQUANT_FAST) {
        pqk_sparse_rows_k8_fast(base, decoded, filter, quant, &layer, pixels, out, out_stride);
        return;
    }
#endif
#if PQK_REQUANT_GENERAL_COMPILED
    pqk_sparse_rows_k8_general(base, decoded, filter, quant, &layer, pixels, out, out_stride);
#endif
#endif /* PQK_SPARSE_C_ROWS */
}
