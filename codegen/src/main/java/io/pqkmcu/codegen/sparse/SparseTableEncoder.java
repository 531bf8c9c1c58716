package io.pqkmcu.codegen.sparse;

/**
 * Encodes weights as a PQKS1 sparse table.
 *
 * <h2>Format PQKS1</h2>
 * A weight tensor is viewed as R rows of K ({@link WeightMatrix}: conv [C_OUT][KH·KW·C_IN], fully
 * connected [C_OUT][C_IN], depthwise [C][KH·KW]). Positions are counted over the whole flattened R×K
 * matrix (p = r·K + k), so rows need no pointers. The table is a bitstream of entries packed LSB-first
 * into bytes (last byte zero-padded). Per-layer constants live in the generated C, not in the stream:
 * gap_bits g (1..8), value_bits v (1..8), value_base b (1..127), entry count, nnz (and, for sizing the
 * decode scratch, the largest row nnz).
 * <pre>
 *   entry = g-bit gap code G, then (unless G is the escape) a v-bit value code V.
 *   G &lt; 2^g − 1 : skip G zero positions, then one non-zero weight at the current position.
 *   G = 2^g − 1 : escape; skip 2^g − 1 positions, no weight and no value field.
 *   V: sign = V &amp; 1, magnitude = b + (V &gt;&gt; 1); weight = sign ? −magnitude : magnitude.
 * </pre>
 * Positions after the last entry are zero. The encoder takes b = min |w| over the non-zeros, the
 * smallest v with max|w| − b &lt; 2^(v−1), and the g in 1..8 that minimises the exact total bit count
 * (ties: the smaller g). An all-zero tensor encodes as an empty stream (g = v = b = 1).
 */
public final class SparseTableEncoder {
    private SparseTableEncoder() {}

    public static SparseTable encode(WeightMatrix m) {
        byte[] w = m.values();
        int nnz = m.nonZeros();
        if (nnz == 0) {
            return new SparseTable(1, 1, 1, 0, 0, m.rows(), m.cols(), 0, 0, new byte[0]);
        }
        int[] gaps = new int[nnz];
        int minMag = 127;
        int maxMag = 1;
        int i = 0;
        int previous = -1;
        for (int p = 0; p < w.length; p++) {
            if (w[p] != 0) {
                int mag = Math.abs(w[p]);
                if (mag > 127) {
                    throw new IllegalArgumentException("weight -128 at position " + p + " is outside [-127, 127]");
                }
                minMag = Math.min(minMag, mag);
                maxMag = Math.max(maxMag, mag);
                gaps[i++] = p - previous - 1;
                previous = p;
            }
        }
        int base = minMag;
        int valueBits = 1;
        while (maxMag - base >= (1 << (valueBits - 1))) {
            valueBits++;
        }
        int gapBits = 1;
        long best = Long.MAX_VALUE;
        for (int g = 1; g <= 8; g++) {
            long bits = totalBits(gaps, g, valueBits);
            if (bits < best) {
                best = bits;
                gapBits = g;
            }
        }
        BitWriter out = new BitWriter();
        int escape = (1 << gapBits) - 1;
        int entries = 0;
        i = 0;
        for (int p = 0; p < w.length; p++) {
            if (w[p] == 0) {
                continue;
            }
            int gap = gaps[i++];
            while (gap >= escape) {
                out.write(escape, gapBits);
                gap -= escape;
                entries++;
            }
            out.write(gap, gapBits);
            int mag = Math.abs(w[p]);
            out.write(((mag - base) << 1) | (w[p] < 0 ? 1 : 0), valueBits);
            entries++;
        }
        if (out.bitCount() != best) {
            throw new IllegalStateException("PQKS1 encoder wrote " + out.bitCount() + " bits, expected " + best);
        }
        return new SparseTable(gapBits, valueBits, base, entries, nnz, m.rows(), m.cols(), m.maxRowNonZeros(),
                best, out.toByteArray());
    }

    /** Exact stream length in bits for gap width g: every non-zero costs g + v, every escape g. */
    static long totalBits(int[] gaps, int g, int valueBits) {
        int escape = (1 << g) - 1;
        long bits = 0;
        for (int gap : gaps) {
            bits += (long) (gap / escape) * g + g + valueBits;
        }
        return bits;
    }

    /** LSB-first bit packer. */
    private static final class BitWriter {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private int current;
        private int used;
        private long count;

        void write(int value, int bits) {
            for (int b = 0; b < bits; b++) {
                current |= ((value >>> b) & 1) << used;
                used++;
                if (used == 8) {
                    bytes.write(current);
                    current = 0;
                    used = 0;
                }
            }
            count += bits;
        }

        long bitCount() {
            return count;
        }

        byte[] toByteArray() {
            if (used > 0) {
                bytes.write(current);
                current = 0;
                used = 0;
            }
            return bytes.toByteArray();
        }
    }
}
