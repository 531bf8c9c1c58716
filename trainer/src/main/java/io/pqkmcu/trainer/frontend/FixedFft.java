package io.pqkmcu.trainer.frontend;

/**
 * The front end's integer FFT (step 3): complex radix-2 decimation in time, in place, scaled by 1/2 at
 * every stage so the result is FFT(x)/N. The C twin is {@code pqk_fft_q15} in {@code pqk_frontend.c};
 * change both or neither.
 *
 * <p>Bounds: let B bound the modulus |re + i·im| of every element before a stage. A twiddle has
 * modulus ≤ 32767.71 &lt; 2^15, so the rotated value t, rounded per component, has modulus ≤ B + 0.71;
 * (a ± t)/2 has modulus ≤ B + 0.36 and the floor of each component adds &lt; 1.42, so every stage
 * grows B by less than 2. With the block-normalised input |x| ≤ 2^14 and at most 12 stages, every value
 * stays below 2^14 + 24 in modulus: int32 holds it, and each product re·wr stays below 2^29.01, so
 * the C twin computes the rotation in 32-bit arithmetic.
 */
final class FixedFft {
    private FixedFft() {}

    /** Index i with its low {@code bits} bits reversed. */
    static int bitReverse(int i, int bits) {
        int r = 0;
        for (int b = 0; b < bits; b++) {
            r = (r << 1) | ((i >> b) & 1);
        }
        return r;
    }

    /**
     * Puts {@code x} (length a power of two) in bit-reversed order by swaps. j walks the bit-reversed
     * counter incrementally (add one at the top bit, carrying downwards), O(N) in total, no table.
     */
    static void bitReversePermute(int[] x) {
        int n = x.length;
        int j = 0;
        for (int i = 0; i < n - 1; i++) {
            if (i < j) {
                int t = x[i];
                x[i] = x[j];
                x[j] = t;
            }
            int k = n >> 1;
            while (k <= j) {
                j -= k;
                k >>= 1;
            }
            j += k;
        }
    }

    /**
     * Transforms re/im (length N = 2^log2n, already in bit-reversed order) in place.
     *
     * @param cos Q15 cos(2πk/N), k &lt; N/2
     * @param sin Q15 −sin(2πk/N), k &lt; N/2
     */
    static void transform(int[] re, int[] im, int log2n, short[] cos, short[] sin) {
        int n = 1 << log2n;
        for (int h = 1; h < n; h <<= 1) {
            int step = n / (2 * h);
            for (int g = 0; g < n; g += 2 * h) {
                for (int j = 0; j < h; j++) {
                    int a = g + j;
                    int b = a + h;
                    long wr = cos[j * step];
                    long wi = sin[j * step];
                    long br = re[b];
                    long bi = im[b];
                    int tr = (int) ((br * wr - bi * wi + (1 << 14)) >> 15);
                    int ti = (int) ((br * wi + bi * wr + (1 << 14)) >> 15);
                    int ar = re[a];
                    int ai = im[a];
                    re[a] = (ar + tr) >> 1;
                    im[a] = (ai + ti) >> 1;
                    re[b] = (ar - tr) >> 1;
                    im[b] = (ai - ti) >> 1;
                }
            }
        }
    }
}
