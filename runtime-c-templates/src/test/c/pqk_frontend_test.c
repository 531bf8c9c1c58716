/*
 * pqk_frontend_test.c - the integer audio front end (pqk_frontend.c) on a hand-derived silent clip and on
 * the frozen cases of vectors/frontend_vectors.h (MFCC with the real FFT, log-mel with the complex FFT; quiet,
 * silent, tonal and full-scale frames), through pqk_frontend_raw, pqk_frontend_run and, frame by frame,
 * pqk_frontend_run_frames. The tables are those the code generator renders for each config.
 */
#include "pqk_frontend.h"
#include "pqk_test.h"
#include "vectors/frontend_vectors.h"
#include "vectors/frontend_log_mel_complex.c"
#include "vectors/frontend_mfcc_real.c"

static void run(const pqk_test_frontend_case *tc)
{
    const pqk_frontend_config *cfg = tc->config;
    const int32_t n = cfg->frames * cfg->features_per_frame;
    const int32_t scratch_bytes = pqk_frontend_scratch_size(cfg);
    int16_t *audio = (int16_t *)pqk_test_alloc(cfg->clip_samples * 2);
    int32_t *scratch = (int32_t *)pqk_test_alloc(scratch_bytes);
    int32_t *raw = (int32_t *)pqk_test_alloc(n * 4);
    int8_t *q = (int8_t *)pqk_test_alloc(n);
    int8_t *frame = (int8_t *)pqk_test_alloc(cfg->features_per_frame);
    char name[96];
    int32_t i;
    int32_t f;
    int32_t raw_mismatch = -1;
    memcpy(audio, tc->audio, (size_t)cfg->clip_samples * 2);
    PQK_CHECK(tc->name, scratch_bytes > 0);
    PQK_CHECK_EQ(tc->name, PQK_OK, pqk_frontend_raw(cfg, audio, raw, scratch));
    for (i = 0; i < n && raw_mismatch < 0; i++) {
        if (raw[i] != tc->expected_raw[i]) {
            raw_mismatch = i;
        }
    }
    if (raw_mismatch >= 0) {
        PQK_CHECK_EQ(tc->name, tc->expected_raw[raw_mismatch], raw[raw_mismatch]); /* prints the first one */
        printf("    (Q10 value at index %d, frame %d)\n", (int)raw_mismatch, (int)(raw_mismatch / cfg->features_per_frame));
    }
    PQK_CHECK_EQ(tc->name, PQK_OK, pqk_frontend_run(cfg, audio, q, scratch));
    PQK_CHECK_S8(tc->name, tc->expected, q, n);
    /* one frame at a time from its own start: the same values (the normalisation is per frame) */
    for (f = 0; f < cfg->frames; f++) {
        snprintf(name, sizeof name, "%s frame %d alone", tc->name, (int)f);
        PQK_CHECK_EQ(name, PQK_OK, pqk_frontend_run_frames(cfg, audio + f * cfg->stride_samples, 1, frame, scratch));
        PQK_CHECK_S8(name, tc->expected + f * cfg->features_per_frame, frame, cfg->features_per_frame);
    }
    free(audio);
    free(scratch);
    free(raw);
    free(q);
    free(frame);
}

/*
 * Worked by hand: a silent clip. Every frame has m = max |x| = 0, so its block shift is 0; the power and mel
 * energies are 0, log2fix(0 + 1) = 0, and step 6 gives
 *   L = ((0 + 32) >> 6) + (2 * log2(256) - 2 * 0 - 15) * 2^10 = 0 + (16 - 15) * 1024 = 1024
 * for every mel bin: log-mel features of exactly 1024 (1.0 in Q10) everywhere.
 */
static void silent_clip(void)
{
    const pqk_frontend_config *cfg = &frontend_log_mel_complex;
    const int32_t n = cfg->frames * cfg->features_per_frame;
    int16_t *audio = (int16_t *)pqk_test_alloc(cfg->clip_samples * 2);
    int32_t *scratch = (int32_t *)pqk_test_alloc(pqk_frontend_scratch_size(cfg));
    int32_t *raw = (int32_t *)pqk_test_alloc(n * 4);
    int32_t i;
    int32_t wrong = 0;
    memset(audio, 0, (size_t)cfg->clip_samples * 2);
    PQK_CHECK_EQ("silent clip", PQK_OK, pqk_frontend_raw(cfg, audio, raw, scratch));
    for (i = 0; i < n; i++) {
        wrong += raw[i] != 1024;
    }
    PQK_CHECK_EQ("silent clip: values other than 1024", 0, wrong);
    free(audio);
    free(scratch);
    free(raw);
}

int main(void)
{
    int i;
    silent_clip();
    for (i = 0; i < PQK_TEST_COUNT(frontend_cases); i++) {
        run(&frontend_cases[i]);
    }
    return pqk_test_finish(__FILE__);
}
