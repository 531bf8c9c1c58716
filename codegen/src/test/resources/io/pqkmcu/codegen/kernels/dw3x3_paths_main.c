/*
 * dw3x3_paths_main.c - Depthwise3x3AsmOnQemuTest's firmware: pqk_depthwise_conv_3x3_s8 built twice,
 * dw3_asm (the assembly column walk where the core has one) and dw3_c (-DPQK_DW3_NO_ASM: the C loops),
 * on random layers: 1..9 rows, 1..8 columns, 1..67 channels, strides 1..2, padding 0..1, in place or
 * not, full-range and clamped activations, fast-path quantization. Prints "PQK DW3 runs=<n> fails=<m>"
 * and exits with 0 when every output byte and status agreed.
 */
#include <stdint.h>
#include <string.h>
#include "pqk_kernels.h"
#include "pqk_board.h"

pqk_status dw3_asm(const pqk_context *ctx, const pqk_conv_params *params, const pqk_channel_quant *quant,
                   const pqk_dims *input_dims, const int8_t *input, const pqk_dims *filter_dims,
                   const int8_t *filter, const pqk_dims *output_dims, int8_t *output);
pqk_status dw3_c(const pqk_context *ctx, const pqk_conv_params *params, const pqk_channel_quant *quant,
                 const pqk_dims *input_dims, const int8_t *input, const pqk_dims *filter_dims,
                 const int8_t *filter, const pqk_dims *output_dims, int8_t *output);

#define MAX_VALUES (9 * 8 * 67)

static uint32_t seed = 12345u;
static int8_t in_a[MAX_VALUES];
static int8_t in_c[MAX_VALUES];
static int8_t out_a[MAX_VALUES];
static int8_t out_c[MAX_VALUES];
static int8_t filter[9 * 67];
static pqk_channel_quant quant[67];
static int64_t scratch[4096];

static uint32_t next(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

int main(void)
{
    static const int32_t channels[] = {1, 2, 3, 4, 5, 7, 8, 9, 64, 67};
    int32_t t;
    int32_t runs = 0;
    int32_t fails = 0;
    pqk_board_init();
    for (t = 0; t < 600; t++) {
        const int32_t h = 1 + (int32_t)(next() % 9);
        const int32_t w = 1 + (int32_t)(next() % 8);
        const int32_t c = channels[next() % 10];
        const int32_t sh = next() % 3 == 0 ? 2 : 1;
        const int32_t sw = next() % 3 == 0 ? 2 : 1;
        const int32_t ph = (int32_t)(next() % 2);
        const int32_t pw = (int32_t)(next() % 2);
        const int in_place = (int)(next() % 2);
        const pqk_context ctx = {scratch, (int32_t)sizeof scratch};
        const pqk_dims in_dims = {1, h, w, c};
        const pqk_dims filter_dims = {1, 3, 3, c};
        pqk_conv_params p;
        pqk_dims out_dims;
        pqk_status a;
        pqk_status b;
        int32_t oh;
        int32_t ow;
        int32_t i;
        p.input_offset = (int32_t)(next() % 256) - 127;
        p.output_offset = (int32_t)(next() % 256) - 128;
        p.stride.h = sh;
        p.stride.w = sw;
        p.padding.h = ph;
        p.padding.w = pw;
        p.dilation.h = 1;
        p.dilation.w = 1;
        p.activation.min = -128;
        p.activation.max = 127;
        if (next() % 5 == 0) {
            p.activation.min = -100;
            p.activation.max = 90;
        }
        if (h + 2 * ph < 3 || w + 2 * pw < 3) {
            continue;
        }
        oh = (h + 2 * ph - 3) / sh + 1;
        ow = (w + 2 * pw - 3) / sw + 1;
        if (in_place && (oh != h || ow != w)) {
            continue;
        }
        out_dims.n = 1;
        out_dims.h = oh;
        out_dims.w = ow;
        out_dims.c = c;
        for (i = 0; i < h * w * c; i++) {
            in_a[i] = (int8_t)next();
        }
        for (i = 0; i < 9 * c; i++) {
            filter[i] = (int8_t)((int32_t)(next() % 255) - 127);
        }
        for (i = 0; i < c; i++) {
            quant[i].bias = (int32_t)(next() % 200001) - 100000;
            quant[i].multiplier = (int32_t)(0x40000000u + next() % 0x3FFFFFFFu);
            quant[i].shift = -(2 + (int32_t)(next() % 14));
        }
        memcpy(in_c, in_a, (size_t)(h * w * c));
        if (in_place) {
            a = dw3_asm(&ctx, &p, quant, &in_dims, in_a, &filter_dims, filter, &out_dims, in_a);
            b = dw3_c(&ctx, &p, quant, &in_dims, in_c, &filter_dims, filter, &out_dims, in_c);
            memcpy(out_a, in_a, (size_t)(oh * ow * c));
            memcpy(out_c, in_c, (size_t)(oh * ow * c));
        } else {
            a = dw3_asm(&ctx, &p, quant, &in_dims, in_a, &filter_dims, filter, &out_dims, out_a);
            b = dw3_c(&ctx, &p, quant, &in_dims, in_a, &filter_dims, filter, &out_dims, out_c);
        }
        runs++;
        if (a != b || a != PQK_OK || memcmp(out_a, out_c, (size_t)(oh * ow * c)) != 0) {
            fails++;
            pqk_board_puts("PQK DW3 mismatch case=");
            pqk_board_put_i32(t);
            pqk_board_puts("\n");
        }
    }
    pqk_board_puts("PQK DW3 runs=");
    pqk_board_put_i32(runs);
    pqk_board_puts(" fails=");
    pqk_board_put_i32(fails);
    pqk_board_puts("\n");
    pqk_board_exit(fails == 0 ? 0 : 1);
    return 0;
}
