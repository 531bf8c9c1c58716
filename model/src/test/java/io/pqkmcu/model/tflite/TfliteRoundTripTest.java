package io.pqkmcu.model.tflite;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFormatException;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pqk export: import(export(m)) is the same int8 graph, with the same outputs. */
class TfliteRoundTripTest {
    static List<String> models() {
        return SharedOracle.INT8_MODELS;
    }

    /**
     * The graph as text: every tensor's shape and quantization, every op's parameters (weights, biases,
     * multipliers, strides, padding, clamp) in order. Layer names are left out: TFLite has no operator
     * names, and the importer names layers after their operator index.
     */
    static String graph(Int8Model m, boolean withMultipliers) {
        StringBuilder s = new StringBuilder();
        for (TensorSpec t : m.tensors()) {
            s.append(t.shapeString()).append(' ').append((float) t.scale()).append(' ').append(t.zeroPoint()).append('\n');
        }
        s.append("in ").append(m.inputId()).append(" out ").append(m.outputId()).append('\n');
        for (Op op : m.ops()) {
            s.append(op.kind());
            append(s, (Record) op, withMultipliers);
            s.append('\n');
        }
        return s.toString();
    }

    private static void append(StringBuilder s, Record r, boolean withMultipliers) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            String n = c.getName();
            if (n.equals("name") || (!withMultipliers && (n.toLowerCase().contains("multiplier") || n.toLowerCase()
                    .contains("shift") || n.equals("diffMin") || n.equals("weightScale")))) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            s.append(' ').append(n).append('=');
            if (v instanceof Record rec) {
                s.append('{');
                append(s, rec, withMultipliers);
                s.append('}');
            } else if (v instanceof int[] a) {
                s.append(Arrays.toString(a));
            } else if (v instanceof byte[] a) {
                s.append(Arrays.hashCode(a)).append('/').append(a.length);
            } else if (v instanceof boolean[] a) {
                s.append(a.length);
            } else if (v instanceof double[] a) {
                float[] f = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    f[i] = (float) a[i];
                }
                s.append(Arrays.toString(f));
            } else {
                s.append(v);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void importedModelsRoundTripExactly(String name) {
        Int8Model m = TfliteImporter.read(SharedOracle.model(name), name, null);
        byte[] exported = TfliteExporter.toBytes(m);
        Int8Model back = TfliteImporter.fromBytes(exported, name, null);
        assertEquals(graph(m, true), graph(back, true), name + ": import(export(m)) is another graph");
        assertArrayEquals(exported, TfliteExporter.toBytes(back), name + ": export is not stable");
        Int8Interpreter a = new Int8Interpreter(m);
        Int8Interpreter b = new Int8Interpreter(back);
        for (int k = 0; k < SharedOracle.cases(name); k++) {
            byte[] in = SharedOracle.read(SharedOracle.oracle(name).resolve("in_" + k + ".bin"));
            byte[] expected = SharedOracle.read(SharedOracle.oracle(name).resolve("out_" + k + ".bin"));
            assertArrayEquals(expected, b.run(in), name + " case " + k + " after the round trip");
            assertArrayEquals(a.run(in), b.run(in));
        }
    }

    /**
     * pqk's own models: the random graphs whose clamps and paddings TFLite can express (the others are
     * refused with the reason). Weights, biases and structure survive exactly; the multipliers are
     * recomputed from the float32 scales a .tflite stores, and from then on the round trip is exact.
     */
    @Test
    void pqkModelsRoundTrip() {
        int exported = 0;
        int refused = 0;
        for (long seed = 0; seed < 200 && exported < 6; seed++) {
            Int8Model m = RandomModels.random(seed);
            byte[] file;
            try {
                file = TfliteExporter.toBytes(m);
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().contains("layer '"), e.getMessage());
                refused++;
                continue;
            }
            Int8Model back = TfliteImporter.fromBytes(file, m.name(), m.labels());
            assertEquals(graph(m, false), graph(back, false), "seed " + seed + ": weights or structure changed");
            Int8Model again = TfliteImporter.fromBytes(TfliteExporter.toBytes(back), m.name(), m.labels());
            assertEquals(graph(back, true), graph(again, true), "seed " + seed + ": second round trip differs");
            Random r = new Random(seed);
            Int8Interpreter a = new Int8Interpreter(back);
            Int8Interpreter b = new Int8Interpreter(again);
            for (int i = 0; i < 4; i++) {
                byte[] in = new byte[m.input().size()];
                r.nextBytes(in);
                assertArrayEquals(a.run(in), b.run(in), "seed " + seed + " input " + i);
            }
            exported++;
        }
        assertTrue(exported >= 3, "only " + exported + " random models were expressible in TFLite (" + refused
                + " refused)");
    }

    @Test
    void floatWrapperRoundTripsAndQuantizesAsTflite() {
        Int8Model m = TfliteImporter.read(SharedOracle.model("ad01_int8"), "ad", null);
        TreeMap<String, String> meta = new TreeMap<>(m.metadata());
        meta.put(TfliteImporter.META_FLOAT_INPUT, m.input().scale() + " " + m.input().zeroPoint());
        meta.put(TfliteImporter.META_FLOAT_OUTPUT, m.output().scale() + " " + m.output().zeroPoint());
        Int8Model wrapped = new Int8Model(m.name(), m.labels(), null, m.tensors(), m.ops(), m.inputId(), m.outputId(), meta);
        byte[] file = TfliteExporter.toBytes(wrapped);
        TfliteFile f = TfliteFile.parse(file);
        assertEquals(TfliteFile.FLOAT32, f.tensors.get(f.inputs[0]).type());
        assertEquals(BuiltinOps.QUANTIZE, f.builtin(f.operators.get(0)));
        assertEquals(BuiltinOps.DEQUANTIZE, f.builtin(f.operators.get(f.operators.size() - 1)));
        Int8Model back = TfliteImporter.fromBytes(file, "ad", null);
        assertEquals(wrapped.metadata().get(TfliteImporter.META_FLOAT_INPUT), back.metadata().get(TfliteImporter.META_FLOAT_INPUT));
        assertEquals(graph(m, true), graph(back, true));
        // The oracle's int8 input, dequantized to float32 and quantized again, is the same tensor.
        FloatWrapper in = FloatWrapper.of(back, TfliteImporter.META_FLOAT_INPUT);
        byte[] q = SharedOracle.read(SharedOracle.oracle("ad01_int8").resolve("in_3.bin"));
        assertArrayEquals(q, in.quantize(in.dequantize(q)));
    }

    @Test
    void inexpressibleClampIsRefusedWithTheLayer() {
        List<String> reasons = new ArrayList<>();
        for (long seed = 0; seed < 50; seed++) {
            try {
                TfliteExporter.toBytes(RandomModels.random(seed));
            } catch (ModelFormatException e) {
                reasons.add(e.getMessage());
            }
        }
        assertTrue(reasons.stream().anyMatch(r -> r.contains("no TFLite fused activation")), reasons.toString());
    }
}
