package io.pqkmcu.model;

import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.model.quant.QuantMath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MAX_POOL_2D and ADD in the interpreter and the model file. */
class PoolAddOpsTest {
    /** input 4x4x1 → maxpool 2x2/2 → 2x2x1; input + (input shifted by a second maxpool 1x1) via ADD. */
    private static Int8Model residual(double sIn, int zpIn, double sOut, int zpOut) {
        List<TensorSpec> t = List.of(
                new TensorSpec(0, "in", 4, 4, 1, sIn, zpIn),
                new TensorSpec(1, "pool", 2, 2, 1, sIn, zpIn),
                new TensorSpec(2, "pool1", 2, 2, 1, sIn, zpIn),
                new TensorSpec(3, "sum", 2, 2, 1, sOut, zpOut));
        Op pool = new MaxPool2DOp("pool", 0, 1, 2, 2, 2, 2, Padding.NONE, -128, 127);
        Op pool1 = new MaxPool2DOp("pool1", 1, 2, 1, 1, 1, 1, Padding.NONE, -128, 127);
        Op add = AddOp.of("sum", 1, 2, 3, sIn, sIn, sOut, -128, 127);
        return new Int8Model("res", List.of("a", "b", "c", "d"), null, t, List.of(pool, pool1, add), 0, 3, new TreeMap<>());
    }

    @Test
    void maxPoolTakesTheWindowMaximum() {
        Int8Model m = residual(0.1, 0, 0.2, 0);
        byte[] in = {1, 5, -3, 2, 7, 0, 4, 4, -128, -9, 127, 3, -7, -8, 0, 1};
        byte[][] all = new Int8Interpreter(m).runAll(in);
        assertArrayEquals(new byte[] {7, 4, -7, 127}, all[1]);
        assertArrayEquals(all[1], all[2], "1x1 max pooling is the identity");
    }

    @Test
    void addMatchesRealArithmeticWithinOneStep() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            double sIn = 0.01 + r.nextDouble() * 0.2;
            int zpIn = r.nextInt(-60, 60);
            double sOut = 0.02 + r.nextDouble() * 0.3;
            int zpOut = r.nextInt(-60, 60);
            Int8Model m = residual(sIn, zpIn, sOut, zpOut);
            byte[] in = new byte[16];
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) r.nextInt(-128, 128);
            }
            byte[][] all = new Int8Interpreter(m).runAll(in);
            for (int i = 0; i < 4; i++) {
                double real = 2 * sIn * (all[1][i] - zpIn);
                long ideal = Math.max(-128, Math.min(127, QuantMath.roundHalfAway(real / sOut) + zpOut));
                assertEquals(ideal, all[3][i], 1.0, "trial " + trial + " element " + i);
            }
        }
    }

    @Test
    void roundTripThroughTheModelFile() {
        Int8Model m = residual(0.05, 3, 0.1, -2);
        Int8Model back = ModelFile.fromBytes(ModelFile.toBytes(m));
        assertArrayEquals(ModelFile.toBytes(m), ModelFile.toBytes(back));
        byte[] in = new byte[16];
        for (int i = 0; i < 16; i++) {
            in[i] = (byte) (i * 13 - 100);
        }
        assertArrayEquals(new Int8Interpreter(m).run(in), new Int8Interpreter(back).run(in));
    }

    @Test
    void addRejectsMismatchedShapes() {
        List<TensorSpec> t = List.of(new TensorSpec(0, "in", 4, 4, 1, 0.1, 0), new TensorSpec(1, "pool", 2, 2, 1, 0.1, 0),
                new TensorSpec(2, "sum", 2, 2, 1, 0.1, 0));
        Op pool = new MaxPool2DOp("pool", 0, 1, 2, 2, 2, 2, Padding.NONE, -128, 127);
        Op add = AddOp.of("sum", 0, 1, 2, 0.1, 0.1, 0.1, -128, 127);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new Int8Model("x", List.of("a", "b", "c", "d"),
                null, t, List.of(pool, add), 0, 2, new TreeMap<>()));
        assertTrue(e.getMessage().startsWith("sum:"), e.getMessage());
    }
}
