package io.pqkmcu.model;

import java.util.List;
import java.util.TreeMap;

/** Small hand-made graphs for format and interpreter tests. */
final class TinyModels {
    private TinyModels() {}

    static QuantizedWeights weights(int[] shape, byte[] data, int[] bias, int mult, int shift) {
        int ch = bias.length;
        boolean[] mask = new boolean[data.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = data[i] != 0;
        }
        int[] m = new int[ch];
        int[] s = new int[ch];
        double[] sc = new double[ch];
        java.util.Arrays.fill(m, mult);
        java.util.Arrays.fill(s, shift);
        java.util.Arrays.fill(sc, 0.01);
        return new QuantizedWeights(shape, data, mask, sc, bias, m, s);
    }

    /** input 3x3x1 → conv 2x2 (2 filters, VALID) → 2x2x2 → avgpool 2x2 → 1x1x2 → fc 2→3. */
    static Int8Model convPoolFc() {
        List<TensorSpec> t = List.of(
                new TensorSpec(0, "in", 3, 3, 1, 0.1, 1),
                new TensorSpec(1, "conv", 2, 2, 2, 0.2, -3),
                new TensorSpec(2, "pool", 1, 1, 2, 0.2, -3),
                new TensorSpec(3, "fc", 1, 1, 3, 0.5, 0));
        Op conv = new Conv2DOp("conv", 0, 1, 1, 1, 1, 1, Padding.NONE,
                weights(new int[] {2, 2, 2, 1}, new byte[] {1, 2, 3, 4, -1, 0, 0, 1}, new int[] {10, -5}, 1 << 30, 0),
                -128, 127);
        Op pool = new AveragePool2DOp("pool", 1, 2, 2, 2, 1, 1, Padding.NONE, -128, 127);
        Op fc = new FullyConnectedOp("fc", 2, 3,
                weights(new int[] {3, 2}, new byte[] {1, 0, 0, 1, 2, -2}, new int[] {0, 1, 2}, 1 << 30, 1), -128, 127);
        return new Int8Model("tiny", List.of("a", "b", "c"), null, t, List.of(conv, pool, fc), 0, 3, new TreeMap<>());
    }
}
