package io.pqkmcu.codegen.sparse;

import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.QuantizedWeights;

/**
 * A layer's int8 weights viewed as {@code rows} × {@code cols} (row-major), the view PQKS1 tables
 * encode: conv [C_OUT][KH·KW·C_IN], fully connected [C_OUT][C_IN], depthwise [C][KH·KW] (the
 * [1, KH, KW, C] weights transposed, so one row holds one channel's kernel).
 */
public record WeightMatrix(int rows, int cols, byte[] values) {
    public WeightMatrix {
        if (rows <= 0 || cols <= 0 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " weight matrix cannot hold "
                    + values.length + " values");
        }
    }

    public byte get(int row, int col) {
        return values[row * cols + col];
    }

    /** Non-zero weights in one row. */
    public int rowNonZeros(int row) {
        int n = 0;
        for (int k = 0; k < cols; k++) {
            if (values[row * cols + k] != 0) {
                n++;
            }
        }
        return n;
    }

    /** The most non-zero weights any row holds: the decode scratch a sparse kernel needs. */
    public int maxRowNonZeros() {
        int max = 0;
        for (int r = 0; r < rows; r++) {
            max = Math.max(max, rowNonZeros(r));
        }
        return max;
    }

    public int nonZeros() {
        int n = 0;
        for (byte v : values) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    /** The row view of an op's weights; throws for ops without weights. */
    public static WeightMatrix of(Op op) {
        QuantizedWeights w = op.weights();
        if (w == null) {
            throw new IllegalArgumentException(op.name() + " (" + op.kind() + ") has no weights");
        }
        int[] s = w.shape();
        if (op instanceof Conv2DOp) {
            return new WeightMatrix(s[0], s[1] * s[2] * s[3], w.data().clone());
        }
        if (op instanceof FullyConnectedOp) {
            return new WeightMatrix(s[0], s[1], w.data().clone());
        }
        if (op instanceof DepthwiseConv2DOp) {
            int taps = s[1] * s[2];
            int ch = s[3];
            byte[] t = new byte[taps * ch];
            for (int tap = 0; tap < taps; tap++) {
                for (int c = 0; c < ch; c++) {
                    t[c * taps + tap] = w.data()[tap * ch + c];
                }
            }
            return new WeightMatrix(ch, taps, t);
        }
        throw new IllegalArgumentException(op.name() + ": no row view for " + op.kind());
    }
}
