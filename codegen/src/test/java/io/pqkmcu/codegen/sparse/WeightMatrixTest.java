package io.pqkmcu.codegen.sparse;

import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.Padding;
import io.pqkmcu.model.QuantizedWeights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightMatrixTest {
    @Test
    void depthwiseWeightsAreTransposedToOneRowPerChannel() {
        // [1, KH=1, KW=2, C=3]: taps t0 = {1, 2, 3}, t1 = {4, 5, 6} -> rows c0 = {1, 4}, c1 = {2, 5}, c2 = {3, 6}
        byte[] data = {1, 2, 3, 4, 5, 6};
        boolean[] kept = {true, true, true, true, true, true};
        QuantizedWeights w = new QuantizedWeights(new int[] {1, 1, 2, 3}, data, kept, new double[] {1, 1, 1},
                new int[3], new int[] {1 << 30, 1 << 30, 1 << 30}, new int[3]);
        DepthwiseConv2DOp op = new DepthwiseConv2DOp("dw", 0, 1, 1, 1, 1, 1, Padding.NONE, w, -128, 127);
        WeightMatrix m = WeightMatrix.of(op);
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertArrayEquals(new byte[] {1, 4, 2, 5, 3, 6}, m.values());
    }
}
