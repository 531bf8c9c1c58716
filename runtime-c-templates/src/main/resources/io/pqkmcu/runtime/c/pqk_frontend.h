/*
 * pqk_frontend.h - integer MFCC / log-mel audio front end, version 2 (version 1 with FFT_COMPLEX).
 *
 * The C twin of io.pqkmcu.trainer.frontend.AudioFrontEnd: for the same tables and audio the two
 * produce identical values, bit for bit; change both or neither. The tables (window, twiddles, mel
 * filters, DCT, log2) are computed once in Java and emitted by codegen as const arrays together with one
 * const pqk_frontend_config; this file holds no table and no state. Integer-only, C99, no allocation.
 *
 * Input: exactly clip_samples int16 samples (16 kHz mono). Output: frames x features_per_frame values,
 * frame-major [frame][coefficient], matching an int8 model input of shape frames x F x 1.
 * Per frame f (samples from f * stride_samples), N = fft_size:
 *  1. Window: x[i] = (s[i] * window[i] + 2^14) >> 15 for i < window_samples, 0 up to N.
 *  2. Block normalisation: m = max |x|; shift = 0 if m == 0, else the shift in [-2, 15] that puts
 *     m * 2^shift in [2^13, 2^14). x[i] * 2^shift if shift >= 0, else (x[i] + 2^(-shift-1)) >> -shift.
 *  3. FFT, result FFT(x) / N. COMPLEX: complex radix-2 decimation in time on int32 re[N], im[N] (im = 0,
 *     input in bit-reversed order); every butterfly rotates b by the Q15 twiddle with rounding
 *     ((.. + 2^14) >> 15) and halves: a' = (a + t) >> 1, b' = (a - t) >> 1. REAL: the same butterflies
 *     on z[m] = x[2m] + i x[2m+1], M = N/2 points, stages 1-2 and every j = 0 twiddle exact, then the
 *     split step X[k] = (a - i W^k d) / 2 (FixedFft.realSpectrum states every rounding).
 *  4. Power: p[k] = re[k]^2 + im[k]^2 (int32), k < spectrum_bins.
 *  5. Mel: e[m] = sum_k p[k] * w[m][k] (int64, Q15 weights, no shift).
 *  6. Log: L[m] = ((log2fix(e[m] + 1) + 32) >> 6) + (2 log2 N - 2 shift - 15) * 2^10, Q10 log2 units
 *     of the true power; log2fix is a Q16 log2 by a 257-entry table of log2(1 + i/256) with linear
 *     interpolation on the 16 bits below the leading one.
 *  7. MFCC: c[j] = (sum_m dct[j][m] * L[m] + 2^14) >> 15 (int64 sum), j < coefficients.
 *     LOG_MEL: the output is L itself.
 * 7a. Normalisation (PQK_FRONTEND_CMN builds, config normalization == PQK_FRONTEND_NORMALIZATION_CMN):
 *     for each feature index j over the window's F frames, mean = floor((sum_f v[f][j] + F / 2) / F) with
 *     an int64 sum and a floor (not C's truncation) for negative sums, v[f][j] -= mean. pqk_frontend_raw and
 *     pqk_frontend_run normalise over the clip; a stream normalises each window of its feature rings with
 *     pqk_frontend_normalize_quantize.
 *  8. int8 (pqk_frontend_run only): q = clamp(pqk_requantize(v, output_multiplier, output_shift)
 *     + output_zero_point, -128, 127), i.e. q ~ v / 2^10 / input_scale + zero_point.
 * Right shifts of negative values must be arithmetic (floor); pqk_frontend.c refuses to compile
 * otherwise. Value bounds for every step are stated in AudioFrontEnd's javadoc and pqk_frontend.c.
 */
#ifndef PQK_FRONTEND_H
#define PQK_FRONTEND_H

#include <stddef.h> /* NULL: a LOG_MEL config has no DCT table */
#include <stdint.h>
#include "pqk_common.h"

#define PQK_FRONTEND_VERSION 2
#define PQK_FRONTEND_LOG_FRACTION_BITS 10
#define PQK_FRONTEND_LOG2_TABLE_SIZE 257
#define PQK_FRONTEND_MAX_FFT_SIZE 4096

typedef enum {
    PQK_FRONTEND_MFCC = 0,
    PQK_FRONTEND_LOG_MEL = 1
} pqk_frontend_type;

/* Step 3's FFT (FrontEndConfig.FftKind). */
typedef enum {
    PQK_FRONTEND_FFT_COMPLEX = 0, /* version 1: N-point complex radix-2 on the real window */
    PQK_FRONTEND_FFT_REAL = 1     /* version 2: N/2-point complex FFT of the packed window + split */
} pqk_frontend_fft_kind;

/* Step 7a (FrontEndConfig.Normalization). Its code, and the config's `normalization` field, exist only
 * when PQK_FRONTEND_CMN is 1: the Makefile of a model whose front end normalises passes
 * -DPQK_FRONTEND_CMN=1, so the front end of every other model compiles to exactly what it was, and the
 * tables of a CMN model do not compile without it. */
#ifndef PQK_FRONTEND_CMN
#define PQK_FRONTEND_CMN 0
#endif

typedef enum {
    PQK_FRONTEND_NORMALIZATION_NONE = 0,
    PQK_FRONTEND_NORMALIZATION_CMN = 1 /* per-window cepstral mean normalisation */
} pqk_frontend_normalization;

/* Everything the front end needs, generated from the model's front-end config. */
typedef struct pqk_frontend_config {
    int32_t type;                       /* pqk_frontend_type */
    int32_t fft_kind;                   /* pqk_frontend_fft_kind */
    int32_t clip_samples;               /* input length, samples */
    int32_t window_samples;             /* analysis window, samples (<= fft_size) */
    int32_t stride_samples;             /* hop between frames, samples */
    int32_t fft_size;                   /* N, a power of two in [2, 4096] */
    int32_t fft_log2;                   /* log2(N) */
    int32_t mel_bins;                   /* number of mel filters */
    int32_t coefficients;               /* DCT outputs per frame (MFCC only) */
    int32_t frames;                     /* 1 + (clip_samples - window_samples) / stride_samples */
    int32_t features_per_frame;         /* coefficients for MFCC, mel_bins for LOG_MEL */
    int32_t spectrum_bins;              /* bins 0..spectrum_bins-1 are those the mel filters read */
    const int16_t *window;              /* (min(window_samples / 2 + 2, window_samples)) periodic Hann, Q15:
                                           its first half (w[i] = w[window_samples - i]) */
    const int16_t *twiddle_cos;         /* COMPLEX: (fft_size / 2) cos(2 pi k / N), Q15; REAL: NULL */
    const int16_t *twiddle_sin;         /* COMPLEX: (fft_size / 2) -sin(2 pi k / N), Q15; REAL: NULL */
    const uint32_t *twiddle;            /* REAL: (fft_size / 2 + 1) cos | -sin << 16, Q15; COMPLEX: NULL */
    const int16_t *mel_first_bin;       /* (mel_bins) first FFT bin of each filter */
    const int16_t *mel_bin_count;       /* (mel_bins) number of FFT bins of each filter */
    const int16_t *mel_weight_offset;   /* (mel_bins) start of each filter in mel_weights */
    const int16_t *mel_weights;         /* (sum of mel_bin_count) triangular weights, Q15 */
    const int16_t *dct;                 /* (coefficients, (mel_bins + 1) / 2) DCT-II, Q15: the first half of
                                           each row (row j is symmetric for even j, antisymmetric for odd
                                           j); NULL for LOG_MEL */
    const uint16_t *log2_table;         /* (257) log2(1 + i / 256), Q16, modulo 2^16 (the last, 65536, is 0) */
    int32_t output_multiplier;          /* Q31 multiplier of 1 / (2^10 * input_scale) */
    int32_t output_shift;               /* its power-of-two exponent (positive = left) */
    int32_t output_zero_point;          /* model input zero point, [-128, 127] */
#if PQK_FRONTEND_CMN
    int32_t normalization;              /* pqk_frontend_normalization (step 7a) */
#endif
} pqk_frontend_config;

/* Bytes of int32-aligned scratch pqk_frontend_run / pqk_frontend_raw need:
 * (S + mel_bins + features_per_frame) * 4, S = 2 * fft_size (COMPLEX) or fft_size + 1 (REAL);
 * with CMN (S + mel_bins + frames * features_per_frame) * 4, as pqk_frontend_run keeps the clip's Q10
 * features to normalise them. Returns -1 for an invalid config. */
int32_t pqk_frontend_scratch_size(const pqk_frontend_config *cfg);

/* Q10 features: raw_out gets frames * features_per_frame int32 values, frame-major, normalised over
 * the clip with CMN. scratch: pqk_frontend_scratch_size(cfg) bytes owned by the caller. */
pqk_status pqk_frontend_raw(const pqk_frontend_config *cfg, const int16_t *audio, int32_t *raw_out,
                            int32_t *scratch);

/* int8 model input: features gets frames * features_per_frame values, frame-major.
 * scratch: pqk_frontend_scratch_size(cfg) bytes owned by the caller. */
pqk_status pqk_frontend_run(const pqk_frontend_config *cfg, const int16_t *audio, int8_t *features,
                            int32_t *scratch);

/* int8 features of `frames` consecutive frames of a longer recording: audio points at the first frame's
 * first sample and must hold (frames - 1) * stride_samples + window_samples samples. Every frame depends
 * only on its own window (the normalisation is per frame), so a stream may compute each frame once and
 * reuse it in every window that contains it (AudioFrontEnd.rawFrames). */
pqk_status pqk_frontend_run_frames(const pqk_frontend_config *cfg, const int16_t *audio, int32_t frames,
                                   int8_t *features, int32_t *scratch);

#if PQK_FRONTEND_CMN
/* With CMN the int8 value of a frame depends on the other frames of its window, so a CMN config is
 * refused by pqk_frontend_run_frames; a stream keeps Q10 frames instead and normalises each window: */

/* Q10 features of `frames` consecutive frames (as pqk_frontend_run_frames), never normalised. */
pqk_status pqk_frontend_raw_frames(const pqk_frontend_config *cfg, const int16_t *audio, int32_t frames,
                                   int32_t *raw_out, int32_t *scratch);

/* int8 model input of one window from its cfg->frames x features_per_frame Q10 values: step 7a (if the
 * config normalises) and step 8. window is only read (a stream's ring keeps its frames as computed). */
pqk_status pqk_frontend_normalize_quantize(const pqk_frontend_config *cfg, const int32_t *window, int8_t *features);
#endif

#endif /* PQK_FRONTEND_H */
