package io.pqkmcu.codegen.sparse;

/**
 * One layer's PQKS1 sparse weight table: the bitstream and the per-layer constants the generated C
 * keeps beside it (see {@link SparseTableEncoder} for the format).
 *
 * @param gapBits   g, width of a gap code, 1..8
 * @param valueBits v, width of a value code, 1..8
 * @param valueBase b, the smallest magnitude, 1..127
 * @param entries   entries in the stream (non-zeros plus escapes)
 * @param nonZeros  non-zero weights
 * @param rows      R
 * @param cols      K
 * @param maxRowNonZeros most non-zeros in one row (the decode capacity a kernel needs)
 * @param totalBits stream length in bits before padding to bytes
 * @param stream    the bitstream, LSB-first, last byte zero-padded
 */
public record SparseTable(int gapBits, int valueBits, int valueBase, int entries, int nonZeros, int rows, int cols,
                          int maxRowNonZeros, long totalBits, byte[] stream) {

    /** Stream bytes per non-zero weight, indices included (0 for an all-zero table). */
    public double bytesPerNonZero() {
        return nonZeros == 0 ? 0.0 : (double) stream.length / nonZeros;
    }

    public int streamBytes() {
        return stream.length;
    }
}
