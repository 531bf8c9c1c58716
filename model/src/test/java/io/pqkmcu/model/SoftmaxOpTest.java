package io.pqkmcu.model;

import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SOFTMAX in the interpreter (against float softmax) and the model file. */
class SoftmaxOpTest {
    private static Int8Model softmax(int rows, int depth, double beta, double scale, int zp) {
        List<TensorSpec> t = List.of(new TensorSpec(0, "logits", 1, rows, depth, scale, zp),
                new TensorSpec(1, "probs", 1, rows, depth, SoftmaxOp.OUTPUT_SCALE, SoftmaxOp.OUTPUT_ZERO_POINT));
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows * depth; i++) {
            labels.add("l" + i);
        }
        return new Int8Model("sm", labels, null, t, List.of(SoftmaxOp.of("sm", 0, 1, beta, scale)), 0, 1,
                new TreeMap<>());
    }

    @Test
    void matchesFloatSoftmaxWithinOneStep() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int depth = 1 + r.nextInt(40);
            double scale = 0.01 + r.nextDouble() * 0.3;
            int zp = r.nextInt(-100, 100);
            double beta = trial % 3 == 0 ? 0.5 + r.nextDouble() * 2 : 1.0;
            Int8Model m = softmax(2, depth, beta, scale, zp);
            byte[] in = new byte[2 * depth];
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) r.nextInt(-128, 128);
            }
            byte[] out = new Int8Interpreter(m).run(in);
            for (int row = 0; row < 2; row++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, beta * scale * (in[row * depth + c] - zp));
                }
                double sum = 0;
                for (int c = 0; c < depth; c++) {
                    sum += Math.exp(beta * scale * (in[row * depth + c] - zp) - max);
                }
                for (int c = 0; c < depth; c++) {
                    double p = Math.exp(beta * scale * (in[row * depth + c] - zp) - max) / sum;
                    double ideal = Math.min(127, Math.round(p * 256) - 128);
                    assertEquals(ideal, out[row * depth + c], 1.0, "trial " + trial + " row " + row + " c " + c);
                }
            }
        }
    }

    @Test
    void roundTripsThroughTheModelFileAndChecksItsOutputQuantization() {
        Int8Model m = softmax(3, 12, 1.0, 0.1, -5);
        Int8Model back = ModelFile.fromBytes(ModelFile.toBytes(m));
        assertArrayEquals(ModelFile.toBytes(m), ModelFile.toBytes(back));
        List<TensorSpec> t = List.of(new TensorSpec(0, "a", 1, 1, 4, 0.1, 0), new TensorSpec(1, "b", 1, 1, 4, 0.1, 0));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new Int8Model("x",
                List.of("a", "b", "c", "d"), null, t, List.of(SoftmaxOp.of("sm", 0, 1, 1.0, 0.1)), 0, 1, new TreeMap<>()));
        assertTrue(e.getMessage().contains("scale 1/256"), e.getMessage());
    }
}
