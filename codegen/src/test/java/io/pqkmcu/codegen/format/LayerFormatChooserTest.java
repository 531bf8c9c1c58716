package io.pqkmcu.codegen.format;

import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Padding;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.TensorSpec;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerFormatChooserTest {
    private static final InstructionModel M4 = InstructionModel.DSP;

    static QuantizedWeights weights(int[] shape, int rows, double sparsity, long seed) {
        Random rnd = new Random(seed);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        byte[] data = new byte[n];
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rnd.nextDouble() >= sparsity;
            data[i] = mask[i] ? (byte) (1 + rnd.nextInt(127)) : 0;
        }
        int[] mult = new int[rows];
        java.util.Arrays.fill(mult, 1 << 30);
        return new QuantizedWeights(shape, data, mask, new double[rows], new int[rows], mult, new int[rows]);
    }

    static FullyConnectedOp fc(int out, int in, double sparsity, long seed) {
        return new FullyConnectedOp("fc", 0, 1, weights(new int[] {out, in}, out, sparsity, seed), -128, 127);
    }

    static TensorSpec vector(int id, int n) {
        return new TensorSpec(id, "t" + id, 1, 1, n, 0.1, 0);
    }

    /** A 25x5 pointwise convolution of c channels, as in DS-CNN. */
    static Conv2DOp pointwise(int c, double sparsity, long seed) {
        return new Conv2DOp("pw", 0, 1, 1, 1, 1, 1, Padding.NONE, weights(new int[] {c, 1, 1, c}, c, sparsity, seed),
                -128, 127);
    }

    static TensorSpec plane(int id, int c) {
        return new TensorSpec(id, "t" + id, 25, 5, c, 0.1, -128);
    }

    @Test
    void autoPicksDenseForDenseAndSparseForSparseWeights() {
        LayerFormatChoice dense = LayerFormatChooser.choose(fc(16, 64, 0.0, 1), vector(0, 64), vector(1, 16), null, M4);
        assertEquals(LayerFormat.DENSE, dense.format());
        assertTrue(dense.reason().startsWith("dense (larger and slower)"), dense.reason());
        assertEquals(16 * 64, dense.weightFlashBytes());
        assertEquals(dense.denseInstructions(), dense.instructions());

        LayerFormatChoice sparse = LayerFormatChooser.choose(pointwise(64, 0.8, 2), plane(0, 64), plane(1, 64), null, M4);
        assertEquals(LayerFormat.SPARSE, sparse.format());
        assertTrue(sparse.reason().startsWith("sparse (smaller and faster)"), sparse.reason());
        assertTrue(sparse.table().streamBytes() < 64 * 64 && sparse.sparseInstructions() < sparse.denseInstructions());
        assertEquals(sparse.table().streamBytes(), sparse.weightFlashBytes());
        assertEquals(sparse.sparseInstructions(), sparse.instructions());
        assertTrue(sparse.reason().contains("B/nnz") && sparse.reason().contains("instructions"), sparse.reason());
    }

    @Test
    void aSmallerTableStaysDenseWhenTheSparseKernelIsSlower() {
        InstructionModel slowSparse = new InstructionModel("test", 1, 1, 1, 1, 100, 100, 100, 10, 10, 20, 1, 1, 40, 40);
        LayerFormatChoice c = LayerFormatChooser.choose(pointwise(64, 0.8, 3), plane(0, 64), plane(1, 64), null,
                slowSparse);
        assertEquals(LayerFormat.DENSE, c.format());
        assertTrue(c.reason().startsWith("dense (sparse kernel slower)"), c.reason());
    }

    @Test
    void forcedFormatsWin() {
        LayerFormatChoice s = LayerFormatChooser.choose(fc(4, 8, 0.0, 3), vector(0, 8), vector(1, 4), LayerFormat.SPARSE, M4);
        assertEquals(LayerFormat.SPARSE, s.format());
        assertTrue(s.reason().startsWith("sparse (forced)"));
        LayerFormatChoice d = LayerFormatChooser.choose(fc(4, 8, 0.95, 4), vector(0, 8), vector(1, 4), LayerFormat.DENSE, M4);
        assertEquals(LayerFormat.DENSE, d.format());
        assertNotNull(d.table(), "the table is still computed for the report");
    }

    @Test
    void rowsBeyondTheKernelLimitsCannotBeSparse() {
        FullyConnectedOp wide = fc(1, 40000, 0.99, 5);
        assertEquals(LayerFormat.DENSE, LayerFormatChooser.choose(wide, vector(0, 40000), vector(1, 1), null, M4).format());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerFormatChooser.choose(wide, vector(0, 40000), vector(1, 1), LayerFormat.SPARSE, M4));
        assertTrue(e.getMessage().contains("'fc' cannot be sparse") && e.getMessage().contains("32767"), e.getMessage());
        io.pqkmcu.model.DepthwiseConv2DOp huge = new io.pqkmcu.model.DepthwiseConv2DOp("huge", 0, 1, 1,
                1, 1, 1, Padding.NONE, weights(new int[] {1, 17, 17, 2}, 2, 0.99, 6), -128, 127);
        TensorSpec in = new TensorSpec(0, "in", 17, 17, 2, 0.1, 0);
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerFormatChooser.choose(huge, in, new TensorSpec(1, "out", 1, 1, 2, 0.1, 0), LayerFormat.SPARSE, M4));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }
}
