package io.pqkmcu.model.tflite;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent oracle: each MLPerf Tiny int8 model, imported, must give exactly the bytes that
 * TensorFlow Lite Micro's reference kernels computed — for every operator's output tensor, not only the
 * final (often saturated) softmax.
 */
class TfliteOracleTest {
    static List<String> models() {
        return SharedOracle.INT8_MODELS;
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyLayerMatchesTfliteMicro(String name) {
        Int8Model m = TfliteImporter.read(SharedOracle.model(name), name, null);
        Int8Interpreter interp = new Int8Interpreter(m);
        List<SharedOracle.Layer> layers = SharedOracle.layers(name);
        int cases = SharedOracle.cases(name);
        assertEquals(12, cases, name + ": oracle cases");
        for (int k = 0; k < cases; k++) {
            byte[] in = SharedOracle.read(SharedOracle.oracle(name).resolve("in_" + k + ".bin"));
            byte[] expectedOut = SharedOracle.read(SharedOracle.oracle(name).resolve("out_" + k + ".bin"));
            byte[] dump = SharedOracle.read(SharedOracle.oracle(name).resolve("layers_" + k + ".bin"));
            byte[][] values = interp.runAll(in);
            byte[] previous = in;
            for (SharedOracle.Layer l : layers) {
                byte[] expected = Arrays.copyOfRange(dump, l.offset(), l.offset() + l.bytes());
                byte[] actual = tensorNamed(m, values, "t" + l.tensor());
                if (actual == null) {
                    assertTrue(l.opName().equals("RESHAPE"), name + ": no IR tensor for " + l);
                    actual = previous; // RESHAPE is an alias: same bytes as its input
                }
                assertArrayEquals(expected, actual, name + " case " + k + ": operator " + l.op() + " " + l.opName()
                        + " (tensor " + l.tensor() + ") differs from TFLite Micro");
                previous = actual;
            }
            assertArrayEquals(expectedOut, interp.run(in), name + " case " + k + ": output");
        }
    }

    private static byte[] tensorNamed(Int8Model m, byte[][] values, String tensorName) {
        for (TensorSpec t : m.tensors()) {
            if (t.name().equals(tensorName)) {
                return values[t.id()];
            }
        }
        return null;
    }
}
