package io.pqkmcu.codegen.sparse;

import io.pqkmcu.trainer.model.FullyConnectedOp;
import io.pqkmcu.trainer.model.Op;

/**
 * Decode scratch the sparse kernels need, mirroring their C {@code ..._get_buffer_size} functions:
 * convolutions keep 9 bytes per decoded weight (int32 offset, int16 ky, int16 kx, int8 value), fully
 * connected layers 3 (int16 k, int8 value); rounded up to 4, at least 4.
 */
public final class SparseScratch {
    /** Row indices are int16 in the C decoder, so K may not exceed this. */
    public static final int MAX_COLS = 32767;

    private SparseScratch() {}

    public static int bytes(Op op, int maxRowNonZeros) {
        int perWeight = op instanceof FullyConnectedOp ? 3 : 9;
        int bytes = Math.max(maxRowNonZeros, 0) * perWeight;
        return bytes < 4 ? 4 : (bytes + 3) & ~3;
    }
}
