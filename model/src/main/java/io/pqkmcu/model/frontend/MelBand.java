package io.pqkmcu.model.frontend;

import java.util.Arrays;

/**
 * One triangular mel filter stored sparsely: its Q15 weights apply to FFT bins
 * {@code firstBin .. firstBin + weights.length − 1}. Bins whose rounded weight is 0 at either end are
 * not stored; the stored run may not contain a zero in its interior for a triangle, but nothing relies
 * on that.
 */
public record MelBand(int firstBin, short[] weights) {
    public MelBand {
        weights = weights.clone();
    }

    public int binCount() {
        return weights.length;
    }

    /** A copy of the Q15 weights. */
    @Override
    public short[] weights() {
        return weights.clone();
    }

    // A record compares arrays by reference; bands are values, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof MelBand b && b.firstBin == firstBin && Arrays.equals(b.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * firstBin + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "MelBand[firstBin=" + firstBin + ", weights=" + Arrays.toString(weights) + "]";
    }

    /** Weight of FFT bin {@code k} in Q15 (0 outside the stored run). */
    public int weightAt(int k) {
        int i = k - firstBin;
        return i >= 0 && i < weights.length ? weights[i] : 0;
    }
}
