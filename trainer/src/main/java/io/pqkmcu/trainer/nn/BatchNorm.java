package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.BnActKernels;

import java.util.List;

/**
 * Batch normalisation over the channel axis of an NHWC batch (viewed as [rows, C]), with two sets of
 * running statistics — one per {@link Branch#bnSlot()} — so that the PQK teacher and student share
 * γ and β but not their statistics.
 */
public final class BatchNorm {
    static final float EPS = 1e-3f;
    private static final float MOMENTUM = 0.1f;

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

    /**
     * How this pass normalises: per-channel mean and 1/σ (of the batch, or of the slot's running
     * statistics), whether they are batch statistics, and the per-channel extremes of z (for the exact
     * range of the layer's output).
     */
    /** zMin/zMax: per-channel extremes of z, kept when batch statistics computed them anyway, else null. */
    record Normalization(float[] mean, float[] invStd, boolean batchStats, float[] zMin, float[] zMax) {}

    /** Computes the normalisation of z; with batch statistics, also updates the slot's running statistics. */
    Normalization prepare(float[] z, int rows, int slot, boolean batchStats) {
        float[] mean = new float[channels];
        float[] invStd = new float[channels];
        float[] zMin;
        float[] zMax;
        if (batchStats) {
            BnActKernels.Stats st = BnActKernels.stats(z, rows, channels);
            float unbias = rows > 1 ? (float) rows / (rows - 1) : 1f;
            for (int c = 0; c < channels; c++) {
                mean[c] = st.mean()[c];
                invStd[c] = (float) (1.0 / Math.sqrt(st.variance()[c] + EPS));
                runningMean[slot][c] += MOMENTUM * (st.mean()[c] - runningMean[slot][c]);
                runningVar[slot][c] += MOMENTUM * (st.variance()[c] * unbias - runningVar[slot][c]);
            }
            zMin = st.min();
            zMax = st.max();
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = runningMean[slot][c];
                invStd[c] = (float) (1.0 / Math.sqrt(runningVar[slot][c] + EPS));
            }
            // The extremes only serve the activation observer (training and calibration passes):
            // outputRange computes them on demand, so plain inference skips that pass over z.
            zMin = null;
            zMax = null;
        }
        return new Normalization(mean, invStd, batchStats, zMin, zMax);
    }

    /**
     * The exact [min, max] of clamp(γ·x̂ + β, lo, hi) over the batch: monotone in z per channel. {@code z}
     * must still hold the pre-normalisation values (it is read when the extremes were not kept).
     */
    float[] outputRange(Normalization n, float[] z, int rows, float lo, float hi) {
        if (n.zMin() == null) {
            float[][] mm = BnActKernels.minMax(z, rows, channels);
            n = new Normalization(n.mean(), n.invStd(), n.batchStats(), mm[0], mm[1]);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < channels; c++) {
            if (!(n.zMin()[c] <= n.zMax()[c])) {
                continue; // no rows, or NaN: the loss will show it
            }
            float a = BnActKernels.activation(n.zMin()[c], n.mean()[c], n.invStd()[c], gamma.value[c], beta.value[c], lo, hi);
            float b = BnActKernels.activation(n.zMax()[c], n.mean()[c], n.invStd()[c], gamma.value[c], beta.value[c], lo, hi);
            min = Math.min(min, Math.min(a, b));
            max = Math.max(max, Math.max(a, b));
        }
        return new float[] {min, max};
    }
}
