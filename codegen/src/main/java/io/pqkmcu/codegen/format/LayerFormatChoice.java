package io.pqkmcu.codegen.format;

import io.pqkmcu.codegen.sparse.SparseTable;

/**
 * The format chosen for one layer with weights, and why.
 *
 * @param layer        layer name
 * @param format       the chosen format
 * @param denseBytes   bytes of the dense int8 weights
 * @param table        the PQKS1 table (always computed, so reports can compare), or null when the layer
 *                     cannot be sparse
 * @param scratchBytes decode scratch the sparse kernel needs (0 when dense)
 * @param reason       a one-line explanation for the report
 */
public record LayerFormatChoice(String layer, LayerFormat format, int denseBytes, SparseTable table, int scratchBytes,
                                String reason) {
    /** Flash bytes of the chosen weight storage (table stream or dense array). */
    public int weightFlashBytes() {
        return format == LayerFormat.SPARSE ? table.streamBytes() : denseBytes;
    }
}
