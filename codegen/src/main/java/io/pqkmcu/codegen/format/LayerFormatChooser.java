package io.pqkmcu.codegen.format;

import io.pqkmcu.codegen.sparse.SparseScratch;
import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.codegen.sparse.SparseTableEncoder;
import io.pqkmcu.codegen.sparse.WeightMatrix;
import io.pqkmcu.trainer.model.Op;

import java.util.Locale;

/**
 * Chooses dense or sparse storage per layer. Rule for now: sparse when the PQKS1 table plus the
 * decode scratch is smaller than the dense weights (a byte of scratch RAM is counted like a byte of
 * flash, which favours dense on MCUs where RAM is the scarcer resource). A forced format (policy or
 * per-layer override) wins, except that layers whose rows exceed the decoder's int16 index cannot be
 * sparse: forcing that is an error, AUTO falls back to dense.
 */
public final class LayerFormatChooser {
    private LayerFormatChooser() {}

    /**
     * @param forced the format the user forced for this layer, or null for AUTO
     */
    public static LayerFormatChoice choose(Op op, LayerFormat forced) {
        WeightMatrix m = WeightMatrix.of(op);
        int dense = m.values().length;
        if (m.cols() > SparseScratch.MAX_COLS) {
            String why = "rows of " + m.cols() + " weights exceed the sparse decoder's limit of " + SparseScratch.MAX_COLS;
            if (forced == LayerFormat.SPARSE) {
                throw new IllegalArgumentException("layer '" + op.name() + "' cannot be sparse: " + why);
            }
            return new LayerFormatChoice(op.name(), LayerFormat.DENSE, dense, null, 0, "dense: " + why);
        }
        SparseTable table = SparseTableEncoder.encode(m);
        int scratch = SparseScratch.bytes(op, table.maxRowNonZeros());
        int sparseCost = table.streamBytes() + scratch;
        String numbers = String.format(Locale.ROOT, "table %d B + scratch %d B vs dense %d B; %.1f %% zeros, %.2f B/nnz",
                table.streamBytes(), scratch, dense, 100.0 * (dense - table.nonZeros()) / dense, table.bytesPerNonZero());
        if (forced == LayerFormat.SPARSE) {
            return new LayerFormatChoice(op.name(), LayerFormat.SPARSE, dense, table, scratch, "sparse (forced): " + numbers);
        }
        if (forced == LayerFormat.DENSE) {
            return new LayerFormatChoice(op.name(), LayerFormat.DENSE, dense, table, 0, "dense (forced): " + numbers);
        }
        if (sparseCost < dense) {
            return new LayerFormatChoice(op.name(), LayerFormat.SPARSE, dense, table, scratch, "sparse (smaller): " + numbers);
        }
        return new LayerFormatChoice(op.name(), LayerFormat.DENSE, dense, table, 0, "dense (smaller): " + numbers);
    }
}
