package io.pqkmcu.codegen.sparse;

/**
 * Decodes a PQKS1 table back to its R×K weights, exactly as {@code pqk_sparse_decode.c} does (same
 * checks, same errors), for round-trip tests and for reports.
 */
public final class SparseTableDecoder {
    private SparseTableDecoder() {}

    public static WeightMatrix decode(SparseTable t) {
        byte[] values = new byte[t.rows() * t.cols()];
        int escape = (1 << t.gapBits()) - 1;
        long bitPos = 0;
        long totalBits = (long) t.stream().length * 8;
        int position = 0;
        int nonZeros = 0;
        for (int e = 0; e < t.entries(); e++) {
            if (bitPos + t.gapBits() > totalBits) {
                throw new IllegalArgumentException("PQKS1 stream ends inside entry " + e);
            }
            int gap = read(t.stream(), bitPos, t.gapBits());
            bitPos += t.gapBits();
            if (gap == escape) {
                position += escape;
                if (position >= values.length) {
                    throw new IllegalArgumentException("PQKS1 escape at entry " + e + " runs past the last weight");
                }
                continue;
            }
            position += gap;
            if (bitPos + t.valueBits() > totalBits) {
                throw new IllegalArgumentException("PQKS1 stream ends inside entry " + e);
            }
            int code = read(t.stream(), bitPos, t.valueBits());
            bitPos += t.valueBits();
            int magnitude = t.valueBase() + (code >> 1);
            if (magnitude > 127 || position >= values.length) {
                throw new IllegalArgumentException("PQKS1 entry " + e + " is invalid (magnitude " + magnitude
                        + ", position " + position + ")");
            }
            values[position++] = (byte) ((code & 1) != 0 ? -magnitude : magnitude);
            nonZeros++;
        }
        if (nonZeros != t.nonZeros()) {
            throw new IllegalArgumentException("PQKS1 table announces " + t.nonZeros() + " non-zeros, stream holds "
                    + nonZeros);
        }
        return new WeightMatrix(t.rows(), t.cols(), values);
    }

    private static int read(byte[] stream, long bitPos, int bits) {
        int v = 0;
        for (int b = 0; b < bits; b++) {
            long p = bitPos + b;
            v |= ((stream[(int) (p >>> 3)] >> (int) (p & 7)) & 1) << b;
        }
        return v;
    }
}
