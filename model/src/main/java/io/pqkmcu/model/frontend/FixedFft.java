package io.pqkmcu.model.frontend;

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

    /**
     * The REAL FFT (front end version 2): power[k] = |X[k]|² for k &lt; power.length (≤ N/2 + 1), where
     * X = FFT_N(x)/N of the real, block-normalised window x[N] (|x| ≤ 2^14), computed as an M = N/2-point
     * complex FFT of z[m] = x[2m] + i·x[2m+1] followed by the split step. The C twin is the REAL path of
     * {@code pqk_frontend.c} (its packed-int16 arithmetic gives the same integers); change both or neither.
     *
     * <ol>
     *   <li>Load with stages 1 and 2 (every twiddle 1 or −i, exact): for group q &lt; M/4 and p = rev(q)
     *       ({@code bitReverse}), d0..d3 = z[p], z[p + M/2], z[p + M/4], z[p + 3M/4] (the bit-reversed
     *       order of a decimation-in-time FFT); u0 = (d0 + d1) &gt;&gt; 1, u1 = (d0 − d1) &gt;&gt; 1,
     *       u2 = (d2 + d3) &gt;&gt; 1, u3 = (d2 − d3) &gt;&gt; 1; Z[4q] = (u0 + u2) &gt;&gt; 1,
     *       Z[4q + 2] = (u0 − u2) &gt;&gt; 1, Z[4q + 1] = (u1 − i·u3) &gt;&gt; 1, Z[4q + 3] = (u1 + i·u3) &gt;&gt; 1
     *       (per component, floor).</li>
     *   <li>Stages h = 4 … M/2 as in {@link #transform}, except that the twiddle of j = 0 is exactly 1 (no
     *       rotation); the twiddle W_M^(j·M/2h) is entry j·N/(2h) of the N-point tables.</li>
     *   <li>Split, per bin k, with Zm = Z[(M − k) mod M] and Zk = Z[k mod M]:
     *       a = ((Zk.re + Zm.re) &gt;&gt; 1, (Zk.im − Zm.im) &gt;&gt; 1), d = ((Zk.re − Zm.re) &gt;&gt; 1,
     *       (Zk.im + Zm.im) &gt;&gt; 1), p = round(d·W_N^k) as in a butterfly, X = ((a.re + p.im) &gt;&gt; 1,
     *       (a.im − p.re) &gt;&gt; 1), i.e. X = (a − i·W^k·d)/2 = (E[k] + W^k·O[k])/N with E, O the FFTs of
     *       the even and odd samples; power = X.re² + X.im².</li>
     * </ol>
     * Bounds: |z| ≤ 2^14·√2 &lt; 23171; each stage adds less than 2 (see the class comment), so every Z is
     * below 23171 + 2·log2 M ≤ 23193 in modulus and both components fit int16 (the C packs them in pairs);
     * |a|, |d| ≤ |Z| + 1, the rotation's products stay below 2^30, |X| &lt; 23200 and power &lt; 2^29.01.
     *
     * @param x     the window, length N
     * @param z     scratch, length N: Z's real parts in [0, M), imaginary parts in [M, N)
     * @param power receives |X[k]|² for k &lt; bins
     */
    static void realSpectrum(int[] x, int[] z, int[] power, int bins, int log2n, short[] cos, short[] sin, int[] bitReverse) {
        int n = 1 << log2n;
        int m = n / 2;
        int quarter = m / 4;
        for (int q = 0; q < quarter; q++) {
            int p = bitReverse[q];
            int d0r = x[2 * p], d0i = x[2 * p + 1];
            int d1r = x[2 * (p + 2 * quarter)], d1i = x[2 * (p + 2 * quarter) + 1];
            int d2r = x[2 * (p + quarter)], d2i = x[2 * (p + quarter) + 1];
            int d3r = x[2 * (p + 3 * quarter)], d3i = x[2 * (p + 3 * quarter) + 1];
            int u0r = (d0r + d1r) >> 1, u0i = (d0i + d1i) >> 1;
            int u1r = (d0r - d1r) >> 1, u1i = (d0i - d1i) >> 1;
            int u2r = (d2r + d3r) >> 1, u2i = (d2i + d3i) >> 1;
            int u3r = (d2r - d3r) >> 1, u3i = (d2i - d3i) >> 1;
            int o = 4 * q;
            z[o] = (u0r + u2r) >> 1;
            z[m + o] = (u0i + u2i) >> 1;
            z[o + 2] = (u0r - u2r) >> 1;
            z[m + o + 2] = (u0i - u2i) >> 1;
            // −i·u3 = (u3.im, −u3.re)
            z[o + 1] = (u1r + u3i) >> 1;
            z[m + o + 1] = (u1i - u3r) >> 1;
            z[o + 3] = (u1r - u3i) >> 1;
            z[m + o + 3] = (u1i + u3r) >> 1;
        }
        for (int h = 4; h < m; h <<= 1) {
            int step = n / (2 * h);
            for (int g = 0; g < m; g += 2 * h) {
                for (int j = 0; j < h; j++) {
                    int a = g + j;
                    int b = a + h;
                    int tr = z[b];
                    int ti = z[m + b];
                    if (j != 0) {
                        int wr = cos[j * step];
                        int wi = sin[j * step];
                        int br = tr;
                        int bi = ti;
                        tr = (br * wr - bi * wi + (1 << 14)) >> 15;
                        ti = (br * wi + bi * wr + (1 << 14)) >> 15;
                    }
                    int ar = z[a];
                    int ai = z[m + a];
                    z[a] = (ar + tr) >> 1;
                    z[m + a] = (ai + ti) >> 1;
                    z[b] = (ar - tr) >> 1;
                    z[m + b] = (ai - ti) >> 1;
                }
            }
        }
        for (int k = 0; k < bins; k++) {
            int kk = k & (m - 1);
            int km = (m - k) & (m - 1);
            int ar = (z[kk] + z[km]) >> 1;
            int ai = (z[m + kk] - z[m + km]) >> 1;
            int dr = (z[kk] - z[km]) >> 1;
            int di = (z[m + kk] + z[m + km]) >> 1;
            int wr = cos[k];
            int wi = sin[k];
            int pr = (dr * wr - di * wi + (1 << 14)) >> 15;
            int pi = (dr * wi + di * wr + (1 << 14)) >> 15;
            int xr = (ar + pi) >> 1;
            int xi = (ai - pr) >> 1;
            power[k] = xr * xr + xi * xi;
        }
    }
}
