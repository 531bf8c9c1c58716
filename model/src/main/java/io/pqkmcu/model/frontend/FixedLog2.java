package io.pqkmcu.model.frontend;

import io.pqkmcu.model.quant.QuantMath;

/**
 * Integer base-2 logarithm of a 64-bit unsigned value in Q16 (step 6 of the front-end algorithm),
 * by table lookup of log2(1 + x) and linear interpolation. The C twin is {@code pqk_log2_q16} in
 * {@code pqk_frontend.c}; change both or neither.
 *
 * <p>Error bound (versus the exact log2): truncating the mantissa to 16 fraction bits costs at most
 * 2^-16/ln 2 ≈ 1.443 Q16 units (only when the top bit is above bit 16), table rounding ±0.5, the
 * interpolation's own rounding ±0.5 and the curvature of log2 between table points ≤ 0.18, so
 * |log2Q16(v) − 65536·log2(v)| &lt; {@link #MAX_ERROR_Q16} Q16 units.
 */
public final class FixedLog2 {
    /** Entries of the log2(1 + i/256) table, i in 0..256 (the last one is exactly 1.0 = 65536). */
    public static final int TABLE_SIZE = 257;
    /** Upper bound of |log2Q16(v) − 65536·log2(v)|, in Q16 units, from the analysis above. */
    public static final double MAX_ERROR_Q16 = 2.7;

    private static final int[] TABLE = buildTable();

    private FixedLog2() {}

    private static int[] buildTable() {
        int[] t = new int[TABLE_SIZE];
        for (int i = 0; i < TABLE_SIZE; i++) {
            t[i] = (int) QuantMath.roundHalfAway(65536.0 * Math.log1p(i / 256.0) / Math.log(2.0));
        }
        return t;
    }

    /** A copy of the table: log2(1 + i/256) in Q16, int32, for i in 0..256. */
    public static int[] table() {
        return TABLE.clone();
    }

    /**
     * log2(v) in Q16 for v ≥ 1, read as an unsigned 64-bit value (so any long except 0 is accepted).
     * Bounds: n ≤ 63, so the result is at most 63·2^16 + 2^16 &lt; 2^22, far inside int32.
     */
    public static int log2Q16(long v) {
        if (v == 0) {
            throw new IllegalArgumentException("log2 of 0 is undefined; the front end always passes energy + 1");
        }
        int n = 63 - Long.numberOfLeadingZeros(v);
        // The 16 bits below the leading one: the mantissa's fraction, truncated (>>> because v is unsigned).
        int t = (int) ((n >= 16 ? v >>> (n - 16) : v << (16 - n)) & 0xFFFF);
        int idx = t >> 8;
        int fr = t & 0xFF;
        // (T[idx+1] − T[idx]) ≤ 65536/256·1.45 < 2^9, times fr < 2^8: no overflow.
        return (n << 16) + TABLE[idx] + (((TABLE[idx + 1] - TABLE[idx]) * fr + 128) >> 8);
    }
}
