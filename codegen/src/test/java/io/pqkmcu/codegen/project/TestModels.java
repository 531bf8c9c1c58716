package io.pqkmcu.codegen.project;

import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.TensorSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** Small hand-built models for generator tests. */
final class TestModels {
    private TestModels() {}

    /** input [1,1,in] -> fully connected -> [1,1,out], all weights 1, biases as given. */
    static Int8Model fullyConnected(String name, int in, int out, int bias) {
        byte[] data = new byte[in * out];
        Arrays.fill(data, (byte) 1);
        boolean[] mask = new boolean[in * out];
        Arrays.fill(mask, true);
        int[] biases = new int[out];
        Arrays.fill(biases, bias);
        int[] mult = new int[out];
        Arrays.fill(mult, 1 << 30);
        double[] scale = new double[out];
        Arrays.fill(scale, 0.01);
        QuantizedWeights w = new QuantizedWeights(new int[] {out, in}, data, mask, scale, biases, mult, new int[out]);
        List<TensorSpec> tensors = List.of(new TensorSpec(0, "in", 1, 1, in, 0.1, 0),
                new TensorSpec(1, "out", 1, 1, out, 0.1, 0));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < out; i++) {
            labels.add("c" + i);
        }
        return new Int8Model(name, labels, null, tensors,
                List.of(new FullyConnectedOp("dense", 0, 1, w, -128, 127)), 0, 1, new TreeMap<>());
    }
}
