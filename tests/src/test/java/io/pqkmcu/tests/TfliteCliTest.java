package io.pqkmcu.tests;

import com.google.flatbuffers.FlatBufferBuilder;
import io.pqkmcu.model.ModelFormatException;
import io.pqkmcu.model.tflite.SharedOracle;
import io.pqkmcu.model.tflite.TfliteImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pqk import} and {@code pqk run} on the MLPerf Tiny models against TFLite Micro's outputs, and the
 * malformed-file battery: each defect is one clear line, exit code 1, and no model file written.
 */
class TfliteCliTest {
    @TempDir
    Path tmp;

    static List<String> models() {
        return SharedOracle.INT8_MODELS;
    }

    @ParameterizedTest
    @MethodSource("models")
    void importAndRunGiveTfliteMicroBytes(String name) throws Exception {
        Path pqkm = tmp.resolve(name + ".pqkm");
        CliRun imp = CliRun.of("import", SharedOracle.model(name).toString(), "--out", pqkm.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        int cases = SharedOracle.cases(name);
        assertEquals(12, cases);
        for (int k = 0; k < cases; k++) {
            Path out = tmp.resolve(name + "_out_" + k + ".bin");
            CliRun run = CliRun.of("run", pqkm.toString(), "--input",
                    SharedOracle.oracle(name).resolve("in_" + k + ".bin").toString(), "--output", out.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertArrayEquals(SharedOracle.read(SharedOracle.oracle(name).resolve("out_" + k + ".bin")),
                    Files.readAllBytes(out), name + " case " + k);
        }
    }

    /** pqk export of an imported model, imported again, runs to the same TFLM bytes. */
    @Test
    void exportThenImportRunsTheSame() throws Exception {
        String name = "str_ww_ref_model";
        Path pqkm = tmp.resolve("a.pqkm");
        assertEquals(0, CliRun.of("import", SharedOracle.model(name).toString(), "--out", pqkm.toString()).exitCode());
        Path tflite = tmp.resolve("a.tflite");
        CliRun exp = CliRun.of("export", pqkm.toString(), "--out", tflite.toString());
        assertEquals(0, exp.exitCode(), exp.err());
        Path again = tmp.resolve("b.pqkm");
        assertEquals(0, CliRun.of("import", tflite.toString(), "--out", again.toString()).exitCode());
        Path out = tmp.resolve("o.bin");
        assertEquals(0, CliRun.of("run", again.toString(), "--input",
                SharedOracle.oracle(name).resolve("in_4.bin").toString(), "--output", out.toString()).exitCode());
        assertArrayEquals(SharedOracle.read(SharedOracle.oracle(name).resolve("out_4.bin")), Files.readAllBytes(out));
    }

    private void assertImportFails(byte[] file, String expected) throws Exception {
        Path in = tmp.resolve("bad.tflite");
        Files.write(in, file);
        Path out = tmp.resolve("bad.pqkm");
        CliRun r = CliRun.of("import", in.toString(), "--out", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), "stderr should mention '" + expected + "':\n" + r.err());
        assertTrue(r.err().contains("bad.tflite"), "the file is named:\n" + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void truncatedFilesAreRejected() throws Exception {
        byte[] good = SharedOracle.read(SharedOracle.model("kws_ref_model"));
        assertImportFails(Arrays.copyOf(good, 6), "too short");
        assertImportFails(Arrays.copyOf(good, good.length / 2), "truncated or corrupt");
        assertImportFails(Arrays.copyOf(good, 64), "truncated or corrupt");
    }

    @Test
    void wrongIdentifierIsRejected() throws Exception {
        byte[] bad = SharedOracle.read(SharedOracle.model("kws_ref_model"));
        System.arraycopy("PQKM".getBytes(StandardCharsets.US_ASCII), 0, bad, 4, 4);
        assertImportFails(bad, "file identifier is 'PQKM', expected 'TFL3'");
    }

    @Test
    void flippedRootOffsetIsRejected() throws Exception {
        byte[] bad = SharedOracle.read(SharedOracle.model("kws_ref_model"));
        bad[2] ^= 0x40;
        assertImportFails(bad, "outside the file");
    }

    /** Every single flipped byte in the structure either imports or fails cleanly, never with an internal error. */
    @Test
    void flippedBytesNeverCrash() {
        byte[] good = SharedOracle.read(SharedOracle.model("kws_ref_model"));
        int rejected = 0;
        for (int i = 0; i < good.length; i += 97) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            try {
                TfliteImporter.fromBytes(bad, "k", null);
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                rejected++;
            }
        }
        assertTrue(rejected > 0, "some flips hit the structure");
    }

    @Test
    void floatAndHybridModelsAreRefused() throws Exception {
        assertImportFails(SharedOracle.read(SharedOracle.model("kws_ref_model_float32")), "float");
    }

    @Test
    void unsupportedOperatorIsNamedWithItsIndex() throws Exception {
        assertImportFails(oneOpModel(18), "unsupported operator MUL at operator index 0");
    }

    /** A minimal valid .tflite: int8 [1, 4] in, one builtin operator of the given code, int8 [1, 4] out. */
    private static byte[] oneOpModel(int builtinCode) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int[] tensors = new int[2];
        for (int i = 0; i < 2; i++) {
            int scale = floats(b, 0.5f);
            b.startVector(8, 1, 8);
            b.addLong(0);
            int zp = b.endVector();
            b.startTable(7);
            b.addOffset(2, scale, 0);
            b.addOffset(3, zp, 0);
            int q = b.endTable();
            int shape = ints(b, 1, 4);
            int name = b.createString("t" + i);
            b.startTable(5);
            b.addOffset(0, shape, 0);
            b.addByte(1, (byte) 9, 0);
            b.addInt(2, 0, 0);
            b.addOffset(3, name, 0);
            b.addOffset(4, q, 0);
            tensors[i] = b.endTable();
        }
        int tv = b.createVectorOfTables(tensors);
        int opIn = ints(b, 0);
        int opOut = ints(b, 1);
        b.startTable(3);
        b.addInt(0, 0, 0);
        b.addOffset(1, opIn, 0);
        b.addOffset(2, opOut, 0);
        int op = b.endTable();
        int ov = b.createVectorOfTables(new int[] {op});
        int sgIn = ints(b, 0);
        int sgOut = ints(b, 1);
        b.startTable(5);
        b.addOffset(0, tv, 0);
        b.addOffset(1, sgIn, 0);
        b.addOffset(2, sgOut, 0);
        b.addOffset(3, ov, 0);
        int sg = b.endTable();
        int sgv = b.createVectorOfTables(new int[] {sg});
        b.startTable(4);
        b.addByte(0, (byte) Math.min(builtinCode, 127), 0);
        b.addInt(3, builtinCode, 0);
        int code = b.endTable();
        int cv = b.createVectorOfTables(new int[] {code});
        b.startTable(1);
        int empty = b.endTable();
        int bv = b.createVectorOfTables(new int[] {empty});
        b.startTable(5);
        b.addInt(0, 3, 0);
        b.addOffset(1, cv, 0);
        b.addOffset(2, sgv, 0);
        b.addOffset(4, bv, 0);
        int model = b.endTable();
        b.finish(model, "TFL3");
        return b.sizedByteArray();
    }

    private static int ints(FlatBufferBuilder b, int... v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) {
            b.addInt(v[i]);
        }
        return b.endVector();
    }

    private static int floats(FlatBufferBuilder b, float... v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) {
            b.addFloat(v[i]);
        }
        return b.endVector();
    }
}
