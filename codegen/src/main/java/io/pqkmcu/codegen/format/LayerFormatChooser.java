package io.pqkmcu.codegen.format;

import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.codegen.sparse.SparseTableEncoder;
import io.pqkmcu.codegen.sparse.WeightMatrix;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.TensorSpec;

import java.util.Locale;

/**
 * Chooses dense or sparse storage per layer by a cost model of flash and instructions: sparse when the
 * PQKS1 table is smaller than the dense int8 weights AND the sparse kernel is estimated to need fewer
 * instructions ({@link InstructionModel}, with the target core's costs); otherwise dense, and the
 * reason names the measure that decided. A forced format (policy or per-layer override) wins, except
 * that a layer the sparse kernels cannot take is an error when forced sparse and dense under AUTO:
 * rows longer than 32767 positions (the decoder's int16 positions), or depthwise kernels of more than
 * 256 taps (uint8 tap indices).
 */
public final class LayerFormatChooser {
    /** Row length limit of every PQKS1 table (positions within a row are int16 in the C decoder). */
    public static final int MAX_COLS = 32767;
    /** Taps of the sparse depthwise kernel (uint8 tap indices). */
    public static final int MAX_SPARSE_DEPTHWISE_TAPS = 256;

    private LayerFormatChooser() {}

    /**
     * @param in     the layer's input tensor
     * @param out    its output tensor
     * @param forced the format the user forced for this layer, or null for AUTO
     * @param model  the target core's instruction costs
     */
    public static LayerFormatChoice choose(Op op, TensorSpec in, TensorSpec out, LayerFormat forced,
                                           InstructionModel model) {
        WeightMatrix m = WeightMatrix.of(op);
        int dense = m.values().length;
        long denseInstructions = model.dense(op, in, out);
        int limit = op instanceof DepthwiseConv2DOp ? MAX_SPARSE_DEPTHWISE_TAPS : MAX_COLS;
        if (m.cols() > limit) {
            String why = "rows of " + m.cols() + " weights exceed the sparse kernels' limit of " + limit;
            if (forced == LayerFormat.SPARSE) {
                throw new IllegalArgumentException("layer '" + op.name() + "' cannot be sparse: " + why);
            }
            return new LayerFormatChoice(op.name(), LayerFormat.DENSE, dense, null, denseInstructions, 0, "dense: " + why);
        }
        SparseTable table = SparseTableEncoder.encode(m);
        long sparseInstructions = model.sparse(op, in, out, table.nonZeros());
        String numbers = numbers(dense, table, denseInstructions, sparseInstructions);
        if (forced != null) {
            return new LayerFormatChoice(op.name(), forced, dense, table, denseInstructions, sparseInstructions,
                    forced.name().toLowerCase(Locale.ROOT) + " (forced): " + numbers);
        }
        boolean smaller = table.streamBytes() < dense;
        boolean faster = sparseInstructions < denseInstructions;
        if (smaller && faster) {
            return new LayerFormatChoice(op.name(), LayerFormat.SPARSE, dense, table, denseInstructions,
                    sparseInstructions, "sparse (smaller and faster): " + numbers);
        }
        String why = !smaller && !faster ? "larger and slower" : !smaller ? "table not smaller" : "sparse kernel slower";
        return new LayerFormatChoice(op.name(), LayerFormat.DENSE, dense, table, denseInstructions, sparseInstructions,
                "dense (" + why + "): " + numbers);
    }

    /**
     * The same layer stored sparse because the model would not fit the board's flash otherwise (the
     * cost model had kept it dense for speed). {@code choice} must have a table smaller than the dense weights.
     */
    public static LayerFormatChoice sparseToFitFlash(LayerFormatChoice choice) {
        if (choice.table() == null || choice.table().streamBytes() >= choice.denseBytes()) {
            throw new IllegalArgumentException("layer '" + choice.layer() + "' has no smaller sparse table");
        }
        String numbers = numbers(choice.denseBytes(), choice.table(), choice.denseInstructions(),
                choice.sparseInstructions());
        return new LayerFormatChoice(choice.layer(), LayerFormat.SPARSE, choice.denseBytes(), choice.table(),
                choice.denseInstructions(), choice.sparseInstructions(), "sparse (to fit the board's flash, "
                + (choice.denseBytes() - choice.table().streamBytes()) + " B saved at the cost of speed): " + numbers);
    }

    /** The figures every reason quotes: both sizes and both instruction estimates. */
    private static String numbers(int dense, SparseTable table, long denseInstructions, long sparseInstructions) {
        return String.format(Locale.ROOT,
                "table %d B vs dense %d B (%s), est. %s vs %s instructions (%s); %.1f %% zeros, %.2f B/nnz",
                table.streamBytes(), dense, percent(table.streamBytes(), dense), kilo(sparseInstructions),
                kilo(denseInstructions), percent(sparseInstructions, denseInstructions),
                100.0 * (dense - table.nonZeros()) / dense, table.bytesPerNonZero());
    }

    private static String percent(long a, long b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%+.0f %%", 100.0 * (a - b) / b);
    }

    private static String kilo(long n) {
        return n >= 10_000 ? (n + 500) / 1000 + "k" : Long.toString(n);
    }
}
