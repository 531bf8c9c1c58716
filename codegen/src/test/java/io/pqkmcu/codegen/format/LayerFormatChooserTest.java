package io.pqkmcu.codegen.format;

import io.pqkmcu.trainer.model.FullyConnectedOp;
import io.pqkmcu.trainer.model.QuantizedWeights;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerFormatChooserTest {

    static FullyConnectedOp fc(int out, int in, double sparsity, long seed) {
        Random rnd = new Random(seed);
        byte[] data = new byte[out * in];
        boolean[] mask = new boolean[out * in];
        for (int i = 0; i < data.length; i++) {
            mask[i] = rnd.nextDouble() >= sparsity;
            data[i] = mask[i] ? (byte) (1 + rnd.nextInt(127)) : 0;
        }
        int[] mult = new int[out];
        java.util.Arrays.fill(mult, 1 << 30);
        return new FullyConnectedOp("fc", 0, 1, new QuantizedWeights(new int[] {out, in}, data, mask, new double[out],
                new int[out], mult, new int[out]), -128, 127);
    }

    @Test
    void autoPicksDenseForDenseAndSparseForSparseWeights() {
        LayerFormatChoice dense = LayerFormatChooser.choose(fc(16, 64, 0.0, 1), null);
        assertEquals(LayerFormat.DENSE, dense.format());
        assertTrue(dense.reason().startsWith("dense (smaller)"), dense.reason());
        assertEquals(0, dense.scratchBytes());
        assertEquals(16 * 64, dense.weightFlashBytes());

        LayerFormatChoice sparse = LayerFormatChooser.choose(fc(16, 64, 0.9, 2), null);
        assertEquals(LayerFormat.SPARSE, sparse.format());
        assertTrue(sparse.reason().startsWith("sparse (smaller)"), sparse.reason());
        assertTrue(sparse.table().streamBytes() + sparse.scratchBytes() < 16 * 64);
        assertEquals(sparse.table().streamBytes(), sparse.weightFlashBytes());
    }

    @Test
    void forcedFormatsWin() {
        LayerFormatChoice s = LayerFormatChooser.choose(fc(4, 8, 0.0, 3), LayerFormat.SPARSE);
        assertEquals(LayerFormat.SPARSE, s.format());
        assertTrue(s.reason().startsWith("sparse (forced)"));
        LayerFormatChoice d = LayerFormatChooser.choose(fc(4, 8, 0.95, 4), LayerFormat.DENSE);
        assertEquals(LayerFormat.DENSE, d.format());
        assertNotNull(d.table(), "the table is still computed for the report");
    }

    @Test
    void rowsBeyondTheDecoderLimitCannotBeSparse() {
        FullyConnectedOp wide = fc(1, 40000, 0.99, 5);
        assertEquals(LayerFormat.DENSE, LayerFormatChooser.choose(wide, null).format());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerFormatChooser.choose(wide, LayerFormat.SPARSE));
        assertTrue(e.getMessage().contains("'fc' cannot be sparse") && e.getMessage().contains("32767"), e.getMessage());
    }
}
