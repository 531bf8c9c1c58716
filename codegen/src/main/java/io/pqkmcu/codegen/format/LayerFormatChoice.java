package io.pqkmcu.codegen.format;

import io.pqkmcu.codegen.sparse.SparseTable;

/**
 * The format chosen for one layer with weights, and why.
 *
 * @param layer              layer name
 * @param format             the chosen format
 * @param denseBytes         bytes of the dense int8 weights
 * @param table              the PQKS1 table (always computed when the layer can be sparse, so reports can
 *                           compare), or null when the layer cannot be sparse
 * @param denseInstructions  estimated instructions per inference of the dense kernel
 * @param sparseInstructions estimated instructions of the sparse kernel (0 when it cannot be sparse)
 * @param reason             a one-line explanation for the report
 */
public record LayerFormatChoice(String layer, LayerFormat format, int denseBytes, SparseTable table,
                                long denseInstructions, long sparseInstructions, String reason) {
    /** Flash bytes of the chosen weight storage (table stream or dense array). */
    public int weightFlashBytes() {
        return format == LayerFormat.SPARSE ? table.streamBytes() : denseBytes;
    }

    /** Estimated instructions of the chosen kernel. */
    public long instructions() {
        return format == LayerFormat.SPARSE ? sparseInstructions : denseInstructions;
    }
}
