package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Parallel;

import java.util.List;

/**
 * Batch normalisation over the channel axis of an NHWC batch (viewed as [rows, C]), with two sets of
 * running statistics — one per {@link Branch#bnSlot()} — so that the PQK teacher and student share
 * γ and β but not their statistics.
 */
public final class BatchNorm {
    static final float EPS = 1e-3f;
    private static final float MOMENTUM = 0.1f;
    private static final int ROW_GRAIN = 256;

    final Param gamma;
    final Param beta;
    final float[][] runningMean;
    final float[][] runningVar;
    private final int channels;

    BatchNorm(String name, int channels) {
        this.channels = channels;
        gamma = new Param(name + ".gamma", channels, false);
        beta = new Param(name + ".beta", channels, false);
        java.util.Arrays.fill(gamma.value, 1f);
        runningMean = new float[2][channels];
        runningVar = new float[2][channels];
        java.util.Arrays.fill(runningVar[0], 1f);
        java.util.Arrays.fill(runningVar[1], 1f);
    }

    List<NamedArray> state(String name) {
        return List.of(new NamedArray(name + ".mean0", runningMean[0]), new NamedArray(name + ".var0", runningVar[0]),
                new NamedArray(name + ".mean1", runningMean[1]), new NamedArray(name + ".var1", runningVar[1]));
    }

    /** γ / sqrt(running var + ε) of a slot: the per-channel factor folded into the conv weights. */
    float[] foldFactor(int slot) {
        float[] f = new float[channels];
        for (int c = 0; c < channels; c++) {
            f[c] = (float) (gamma.value[c] / Math.sqrt(runningVar[slot][c] + EPS));
        }
        return f;
    }

    /** β − γ·μ/σ of a slot: the bias of the folded layer. */
    float[] foldedBias(int slot) {
        float[] b = new float[channels];
        for (int c = 0; c < channels; c++) {
            b[c] = (float) (beta.value[c] - gamma.value[c] * runningMean[slot][c] / Math.sqrt(runningVar[slot][c] + EPS));
        }
        return b;
    }

    /** Saved for backward: the normalised values and 1/σ per channel; batch says which formula applies. */
    record Cache(float[] xhat, float[] invStd, boolean batchStats) {}

    /** Normalises z in place. With batchStats, uses and records the batch's statistics in {@code slot}. */
    Cache forward(float[] z, int rows, int slot, boolean batchStats) {
        float[] mean = new float[channels];
        float[] invStd = new float[channels];
        if (batchStats) {
            float[] var = new float[channels];
            columnMeanVar(z, rows, mean, var);
            float unbias = rows > 1 ? (float) rows / (rows - 1) : 1f;
            for (int c = 0; c < channels; c++) {
                invStd[c] = (float) (1.0 / Math.sqrt(var[c] + EPS));
                runningMean[slot][c] += MOMENTUM * (mean[c] - runningMean[slot][c]);
                runningVar[slot][c] += MOMENTUM * (var[c] * unbias - runningVar[slot][c]);
            }
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = runningMean[slot][c];
                invStd[c] = (float) (1.0 / Math.sqrt(runningVar[slot][c] + EPS));
            }
        }
        float[] xhat = new float[z.length];
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float xh = (z[o + c] - mean[c]) * invStd[c];
                    xhat[o + c] = xh;
                    z[o + c] = gamma.value[c] * xh + beta.value[c];
                }
            }
        });
        return new Cache(xhat, invStd, batchStats);
    }

    /** Turns dLoss/dOutput into dLoss/dz in place and accumulates dγ, dβ. */
    void backward(float[] dy, int rows, Cache cache) {
        float[] sumDy = new float[channels];
        float[] sumDyXhat = new float[channels];
        columnSums(dy, cache.xhat(), rows, sumDy, sumDyXhat);
        for (int c = 0; c < channels; c++) {
            gamma.grad[c] += sumDyXhat[c];
            beta.grad[c] += sumDy[c];
        }
        float[] g = gamma.value;
        float[] inv = cache.invStd();
        float[] xhat = cache.xhat();
        boolean batch = cache.batchStats();
        float invRows = 1f / rows;
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float k = g[c] * inv[c];
                    if (batch) {
                        dy[o + c] = k * (dy[o + c] - invRows * (sumDy[c] + xhat[o + c] * sumDyXhat[c]));
                    } else {
                        dy[o + c] = k * dy[o + c];
                    }
                }
            }
        });
    }

    /**
     * Per-channel mean and (biased) variance in one pass. Values are shifted by the first row so that
     * the sum-of-squares formula does not cancel catastrophically; each fixed chunk of rows sums in float
     * (a loop the JIT vectorises) and the chunks combine in double, in chunk order.
     */
    private void columnMeanVar(float[] z, int rows, float[] mean, float[] var) {
        float[] shift = java.util.Arrays.copyOf(z, channels);
        int chunks = Parallel.chunkCount(rows, ROW_GRAIN);
        float[][] s1 = new float[chunks][channels];
        float[][] s2 = new float[chunks][channels];
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            float[] a = s1[chunk];
            float[] b = s2[chunk];
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float d = z[o + c] - shift[c];
                    a[c] += d;
                    b[c] += d * d;
                }
            }
        });
        for (int c = 0; c < channels; c++) {
            double t1 = 0;
            double t2 = 0;
            for (int k = 0; k < chunks; k++) {
                t1 += s1[k][c];
                t2 += s2[k][c];
            }
            double m = t1 / rows;
            mean[c] = (float) (shift[c] + m);
            var[c] = (float) Math.max(0.0, t2 / rows - m * m);
        }
    }

    private void columnSums(float[] dy, float[] xhat, int rows, float[] sumDy, float[] sumDyXhat) {
        int chunks = Parallel.chunkCount(rows, ROW_GRAIN);
        float[][] a = new float[chunks][channels];
        float[][] b = new float[chunks][channels];
        Parallel.forChunks(rows, ROW_GRAIN, (chunk, from, to) -> {
            float[] sa = a[chunk];
            float[] sb = b[chunk];
            for (int r = from; r < to; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    float d = dy[o + c];
                    sa[c] += d;
                    sb[c] += d * xhat[o + c];
                }
            }
        });
        for (int c = 0; c < channels; c++) {
            double ta = 0;
            double tb = 0;
            for (int k = 0; k < chunks; k++) {
                ta += a[k][c];
                tb += b[k][c];
            }
            sumDy[c] = (float) ta;
            sumDyXhat[c] = (float) tb;
        }
    }
}
