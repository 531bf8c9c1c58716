package io.pqkmcu.codegen.stream;

/**
 * An integer softmax over int8 logits. Logits share one scale s (the model's output quantization), so
 * {@code exp(s * (q_c - q_max)) = exp(-s * d)} with {@code d = q_max - q_c} in 0..255. The table holds
 * {@code round(32768 * exp(-s * d))} for every d; the posterior of class c is
 * {@code (table[d_c] << 15) / sum_j table[d_j]} in Q15, truncated. The table is computed once in Java and
 * emitted as a C constant, so the firmware and {@link StreamDetector} use the same integers; nothing on the
 * device uses floating point.
 */
public final class PosteriorTable {
    /** Logit differences of int8 values span 0..255. */
    public static final int SIZE = 256;

    private final int[] table;

    private PosteriorTable(int[] table) {
        this.table = table;
    }

    /** The table for logits with quantization scale {@code outputScale}. */
    public static PosteriorTable forScale(double outputScale) {
        if (!(outputScale > 0) || Double.isInfinite(outputScale)) {
            throw new IllegalArgumentException("output scale must be positive, got " + outputScale);
        }
        int[] t = new int[SIZE];
        for (int d = 0; d < SIZE; d++) {
            t[d] = (int) Math.round(StreamConfig.ONE_Q15 * StrictMath.exp(-outputScale * d));
        }
        return new PosteriorTable(t);
    }

    /** Q15 values, index = q_max - q_c. */
    public int[] values() {
        return table.clone();
    }

    /**
     * Posteriors in Q15 (they sum to at most 32768: truncation loses a little). The top class's term is
     * table[0] = 32768, so the sum is never 0 and never exceeds 256 x 32768: all int32 on the device.
     */
    public int[] posteriors(byte[] logits) {
        int max = Integer.MIN_VALUE;
        for (byte q : logits) {
            max = Math.max(max, q);
        }
        int sum = 0;
        for (byte q : logits) {
            sum += table[max - q];
        }
        int[] p = new int[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = (table[max - logits[c]] << 15) / sum;
        }
        return p;
    }
}
