package io.pqkmcu.trainer.tensor;

/**
 * The element-wise work of a BatchNorm + clamp activation + fake quantization layer, fused so each
 * direction touches the activations twice instead of about ten times.
 *
 * <p>Rows are [rows, C] (NHWC flattened); per-channel parameters have length C. Each kernel has a
 * Vector API twin (used when C is a whole number of vectors) that performs the same float operations
 * in the same order — multiplications and additions kept separate, no fused multiply-add — so both
 * paths agree bit for bit. Work is split into fixed chunks of rows; partial sums combine in double, in
 * chunk order.
 */
public final class BnActKernels {
    /** Rows per chunk of the statistics and sums passes. */
    public static final int ROW_GRAIN = 256;

    private BnActKernels() {}

    /** Per-channel batch statistics of z: mean, biased variance, minimum and maximum. */
    public record Stats(float[] mean, float[] variance, float[] min, float[] max) {}

    /**
     * Fake quantization of an output, made by {@code ActQuant.kernel()}: code r = clamp(round(x / divisor),
     * lo, hi) (round half away from zero, x / divisor in double: the integer path's definition), real =
     * scale·r in float. The kernels compute x·inv in float and fall back to the double division for the
     * rare values whose product lands near a rounding midpoint, so the result is that definition exactly.
     */
    public record Quant(float inv, float scale, float lo, float hi, double divisor) {}

    static boolean vector(int channels) {
        return Gemm.vectorized() && channels % VectorKernels.vectorLength() == 0;
    }

    /**
     * One pass over z: sums of (z − shift) and its square (shift = first row, against cancellation),
     * and the per-channel extremes.
     */
    public static Stats stats(float[] z, int rows, int channels) {
        return stats(z, rows, channels, vector(channels));
    }

    static Stats stats(float[] z, int rows, int channels, boolean vector) {
        float[] shift = java.util.Arrays.copyOf(z, channels);
        int chunks = Parallel.chunkCount(rows, ROW_GRAIN);
        float[][] s1 = new float[chunks][channels];
        float[][] s2 = new float[chunks][channels];
        float[][] lo = new float[chunks][channels];
        float[][] hi = new float[chunks][channels];
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            java.util.Arrays.fill(lo[chunk], Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi[chunk], Float.NEGATIVE_INFINITY);
            if (vector) {
                VectorKernels.bnStats(z, from, to, channels, shift, s1[chunk], s2[chunk], lo[chunk], hi[chunk]);
                return;
            }
            float[] a = s1[chunk];
            float[] b = s2[chunk];
            float[] mn = lo[chunk];
            float[] mx = hi[chunk];
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float v = z[o + c];
                    float d = v - shift[c];
                    a[c] = a[c] + d;
                    b[c] = b[c] + d * d;
                    mn[c] = Math.min(mn[c], v);
                    mx[c] = Math.max(mx[c], v);
                }
            }
        });
        float[] mean = new float[channels];
        float[] var = new float[channels];
        float[] min = new float[channels];
        float[] max = new float[channels];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < channels; c++) {
            double t1 = 0;
            double t2 = 0;
            for (int k = 0; k < chunks; k++) {
                t1 += s1[k][c];
                t2 += s2[k][c];
                min[c] = Math.min(min[c], lo[k][c]);
                max[c] = Math.max(max[c], hi[k][c]);
            }
            double m = t1 / rows;
            mean[c] = (float) (shift[c] + m);
            var[c] = (float) Math.max(0.0, t2 / rows - m * m);
        }
        return new Stats(mean, var, min, max);
    }

    /** Per-channel minimum and maximum only (normalisation with running statistics needs no sums). */
    public static float[][] minMax(float[] z, int rows, int channels) {
        int chunks = Parallel.chunkCount(rows, ROW_GRAIN);
        float[][] lo = new float[chunks][channels];
        float[][] hi = new float[chunks][channels];
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            float[] mn = lo[chunk];
            float[] mx = hi[chunk];
            java.util.Arrays.fill(mn, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(mx, Float.NEGATIVE_INFINITY);
            if (Gemm.vectorized() && channels % Gemm.vectorLength() == 0) {
                VectorKernels.channelMinMax(z, from, to, channels, mn, mx);
                return;
            }
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    mn[c] = Math.min(mn[c], z[o + c]);
                    mx[c] = Math.max(mx[c], z[o + c]);
                }
            }
        });
        float[] min = new float[channels];
        float[] max = new float[channels];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < chunks; k++) {
            for (int c = 0; c < channels; c++) {
                min[c] = Math.min(min[c], lo[k][c]);
                max[c] = Math.max(max[c], hi[k][c]);
            }
        }
        return new float[][] {min, max};
    }

    /** y = clamp(γ·((z − μ)·inv) + β, lo, hi): the one formula both the kernels and the range use. */
    public static float activation(float z, float mean, float inv, float gamma, float beta, float lo, float hi) {
        float xh = (z - mean) * inv;
        float y = gamma * xh + beta;
        return Math.min(Math.max(y, lo), hi);
    }

    /**
     * z ← fake-quant(clamp(γ·x̂ + β)) in place, with x̂ = (z − μ)·inv stored in {@code xhat} (backward
     * recomputes γ·x̂ + β from it rather than keeping another array); {@code xhat} may be null when no
     * backward pass follows.
     */
    public static void forward(float[] z, int rows, int channels, float[] mean, float[] inv, float[] gamma, float[] beta,
                               float lo, float hi, float[] xhat, Quant quant) {
        forward(z, rows, channels, mean, inv, gamma, beta, lo, hi, xhat, quant, vector(channels));
    }

    static void forward(float[] z, int rows, int channels, float[] mean, float[] inv, float[] gamma, float[] beta,
                        float lo, float hi, float[] xhat, Quant quant, boolean vector) {
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            if (vector) {
                VectorKernels.bnForward(z, from, to, channels, mean, inv, gamma, beta, lo, hi, xhat, quant);
                return;
            }
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float xh = (z[o + c] - mean[c]) * inv[c];
                    float y = gamma[c] * xh + beta[c];
                    y = Math.min(Math.max(y, lo), hi);
                    if (xhat != null) {
                        xhat[o + c] = xh;
                    }
                    z[o + c] = y;
                }
            }
            if (quant != null) {
                Elementwise.fakeQuantScalar(z, from * channels, to * channels, quant);
            }
        });
    }

    /**
     * Backward of {@link #forward} in place on g (dLoss/dOutput → dLoss/dz). The gradient passes where
     * gateLo ≤ γ·x̂ + β ≤ gateHi (activation not saturated, value inside the quantization range; the same
     * verdict as testing the clamped value, since the gate lies inside the clamp). With batch statistics
     * it is k·(g − (Σg + x̂·Σg·x̂)/rows), else k·g, with k = γ·inv. Returns {Σg, Σg·x̂} per channel (the
     * gradients of β and γ).
     */
    public static float[][] backward(float[] g, float[] xhat, int rows, int channels, float gateLo, float gateHi,
                                     float[] gamma, float[] beta, float[] inv, boolean batchStats) {
        return backward(g, xhat, rows, channels, gateLo, gateHi, gamma, beta, inv, batchStats, vector(channels));
    }

    static float[][] backward(float[] g, float[] xhat, int rows, int channels, float gateLo, float gateHi,
                              float[] gamma, float[] beta, float[] inv, boolean batchStats, boolean vector) {
        int chunks = Parallel.chunkCount(rows, ROW_GRAIN);
        float[][] sa = new float[chunks][channels];
        float[][] sb = new float[chunks][channels];
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            if (vector) {
                VectorKernels.bnGateSums(g, xhat, from, to, channels, gamma, beta, gateLo, gateHi, sa[chunk], sb[chunk]);
                return;
            }
            float[] a = sa[chunk];
            float[] b = sb[chunk];
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float p = gamma[c] * xhat[o + c] + beta[c];
                    float d = (p >= gateLo & p <= gateHi) ? g[o + c] : 0f;
                    g[o + c] = d;
                    a[c] = a[c] + d;
                    b[c] = b[c] + d * xhat[o + c];
                }
            }
        });
        float[] sumDy = new float[channels];
        float[] sumDyXhat = new float[channels];
        for (int c = 0; c < channels; c++) {
            double ta = 0;
            double tb = 0;
            for (int k = 0; k < chunks; k++) {
                ta += sa[k][c];
                tb += sb[k][c];
            }
            sumDy[c] = (float) ta;
            sumDyXhat[c] = (float) tb;
        }
        float[] k = new float[channels];
        for (int c = 0; c < channels; c++) {
            k[c] = gamma[c] * inv[c];
        }
        float invRows = 1f / rows;
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            if (vector) {
                VectorKernels.bnApply(g, xhat, from, to, channels, k, sumDy, sumDyXhat, invRows, batchStats);
                return;
            }
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    if (batchStats) {
                        float t = xhat[o + c] * sumDyXhat[c];
                        t = sumDy[c] + t;
                        t = invRows * t;
                        g[o + c] = k[c] * (g[o + c] - t);
                    } else {
                        g[o + c] = k[c] * g[o + c];
                    }
                }
            }
        });
        return new float[][] {sumDy, sumDyXhat};
    }
}
