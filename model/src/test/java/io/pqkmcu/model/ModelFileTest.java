package io.pqkmcu.model;

import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.model.tflite.TfliteFloatGraph;
import io.pqkmcu.model.tflite.TfliteImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    private static String failure(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(bytes)).getMessage();
    }

    @Test
    void roundTripKeepsEveryValue(@TempDir Path dir) throws Exception {
        Int8Model m = TinyModels.convPoolFc();
        Path p = dir.resolve("m.pqkm");
        ModelFile.write(m, p);
        Int8Model back = ModelFile.read(p);
        assertArrayEquals(ModelFile.toBytes(m), ModelFile.toBytes(back));
        byte[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(new Int8Interpreter(m).run(in), new Int8Interpreter(back).run(in));
        assertEquals(List.of("a", "b", "c"), back.labels());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void thePrunedFractionIsReadFromTheStoredMasks() {
        Int8Model m = TinyModels.convPoolFc();
        long total = 0;
        long pruned = 0;
        for (Op op : m.ops()) {
            if (op.weights() != null) {
                for (boolean kept : op.weights().mask()) {
                    total++;
                    pruned += kept ? 0 : 1;
                }
            }
        }
        assertTrue(pruned > 0 && pruned < total, pruned + " of " + total);
        assertEquals((double) pruned / total, ModelFile.fromBytes(ModelFile.toBytes(m)).prunedFraction(), 0.0);
    }

    @Test
    void aMaskThatMarksANonZeroWeightPrunedIsRefusedAsCorrupt() {
        // conv's weights {1, 2, 3, 4, -1, 0, 0, 1} are followed by their mask bits, kept = value != 0
        byte[] bytes = ModelFile.toBytes(TinyModels.convPoolFc());
        byte[] convWeights = {1, 2, 3, 4, -1, 0, 0, 1};
        int at = indexOf(bytes, convWeights) + convWeights.length;
        assertEquals((byte) 0b1001_1111, bytes[at]);
        bytes[at] &= (byte) ~1; // weight 0 (value 1) marked pruned
        assertEquals("conv: weight 0 is 1 but the mask marks it pruned; a pruned weight must be 0 (corrupt mask or"
                + " weights)", failure(resealed(bytes)));
        bytes[at] = (byte) 0b1111_1111; // zeros marked kept are fine: a kept weight may round to 0
        assertEquals(0, ModelFile.fromBytes(resealed(bytes)).ops().get(0).weights().prunedCount());
    }

    /** The file with its payload CRC recomputed, as a faulty writer (not a damaged disk) would leave it. */
    private static byte[] resealed(byte[] file) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, 16, file.length - 16);
        java.nio.ByteBuffer.wrap(file).putInt(12, (int) crc.getValue());
        return file;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void frontEndSettingsTravelWithTheModel() {
        Int8Model t = TinyModels.convPoolFc();
        FrontEndConfig fe = new FrontEndConfig(FrontEndConfig.FeatureType.MFCC, 16000, 1280, 480, 400, 512, 10, 20, 4000, 3);
        Int8Model m = new Int8Model("kws", t.labels(), fe, t.tensors(), t.ops(), 0, 3, new TreeMap<>());
        assertEquals(fe, ModelFile.fromBytes(ModelFile.toBytes(m)).frontEnd());
        assertEquals(FrontEndConfig.FftKind.REAL, fe.fft());
        FrontEndConfig old = fe.withFft(FrontEndConfig.FftKind.COMPLEX);
        Int8Model m1 = new Int8Model("kws", t.labels(), old, t.tensors(), t.ops(), 0, 3, new TreeMap<>());
        assertEquals(old, ModelFile.fromBytes(ModelFile.toBytes(m1)).frontEnd());
    }

    @Test
    void filesFromBeforeTheRealFftReadAsTheComplexFft() {
        // The FFT kind lives in the high nibble of the feature-type byte; files written before it have 0
        // there. A COMPLEX model's bytes are therefore exactly what the old writer produced, and the
        // byte with the REAL kind differs from it in that nibble only.
        Int8Model t = TinyModels.convPoolFc();
        FrontEndConfig fe = new FrontEndConfig(FrontEndConfig.FeatureType.MFCC, 16000, 1280, 480, 400, 512, 10, 20, 4000, 3,
                FrontEndConfig.FftKind.COMPLEX);
        byte[] old = ModelFile.toBytes(new Int8Model("kws", t.labels(), fe, t.tensors(), t.ops(), 0, 3, new TreeMap<>()));
        byte[] real = ModelFile.toBytes(new Int8Model("kws", t.labels(), fe.withFft(FrontEndConfig.FftKind.REAL), t.tensors(),
                t.ops(), 0, 3, new TreeMap<>()));
        int differing = -1;
        for (int i = 16; i < old.length; i++) { // past the header (whose CRC differs too)
            if (old[i] != real[i]) {
                assertEquals(-1, differing, "more than one payload byte differs");
                differing = i;
            }
        }
        assertEquals(0, old[differing]); // MFCC, COMPLEX
        assertEquals(0x10, real[differing]); // MFCC, REAL
        byte[] future = real.clone();
        future[differing] = 0x20;
        resealed(future);
        assertTrue(failure(future).contains("unknown front-end FFT kind 2"), failure(future));
    }

    @Test
    void normalisationTravelsAndOldFilesReadAsNone() {
        // Bits 2-3 of the feature-type byte: NONE is 0 there, so a NONE model's bytes are exactly what the
        // writer produced before normalisation existed, and CMN differs from it in that byte only.
        Int8Model t = TinyModels.convPoolFc();
        for (FrontEndConfig.FeatureType type : FrontEndConfig.FeatureType.values()) {
            int melBins = type == FrontEndConfig.FeatureType.MFCC ? 10 : 3; // 3 x 3 features either way
            FrontEndConfig none = new FrontEndConfig(type, 16000, 1280, 480, 400, 512, melBins, 20, 4000, 3);
            assertEquals(FrontEndConfig.Normalization.NONE, none.normalization());
            FrontEndConfig cmn = none.withNormalization(FrontEndConfig.Normalization.CMN);
            byte[] oldBytes = ModelFile.toBytes(new Int8Model("kws", t.labels(), none, t.tensors(), t.ops(), 0, 3, new TreeMap<>()));
            byte[] cmnBytes = ModelFile.toBytes(new Int8Model("kws", t.labels(), cmn, t.tensors(), t.ops(), 0, 3, new TreeMap<>()));
            assertEquals(none, ModelFile.fromBytes(oldBytes).frontEnd());
            assertEquals(cmn, ModelFile.fromBytes(cmnBytes).frontEnd());
            int differing = -1;
            for (int i = 16; i < oldBytes.length; i++) {
                if (oldBytes[i] != cmnBytes[i]) {
                    assertEquals(-1, differing, "more than one payload byte differs");
                    differing = i;
                }
            }
            assertEquals(0x10 | type.ordinal(), oldBytes[differing]); // REAL, NONE
            assertEquals(0x14 | type.ordinal(), cmnBytes[differing]); // REAL, CMN
            for (int unknown : new int[] {2, 3}) {
                byte[] future = cmnBytes.clone();
                future[differing] = (byte) (0x10 | unknown << 2 | type.ordinal());
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(future, 16, future.length - 16);
                java.nio.ByteBuffer.wrap(future).putInt(12, (int) crc.getValue());
                assertTrue(failure(future).contains("unknown front-end feature normalisation " + unknown), failure(future));
            }
        }
    }

    @Test
    void rejectsForeignTruncatedAndCorruptFiles() {
        byte[] good = ModelFile.toBytes(TinyModels.convPoolFc());
        assertTrue(failure(new byte[0]).contains("shorter than the 16-byte header"));
        assertTrue(failure("RIFF....WAVEfmt and more".getBytes()).contains("not a pqk model"));
        assertTrue(failure(Arrays.copyOf(good, good.length - 7)).contains("truncated"));
        byte[] flipped = good.clone();
        flipped[40] ^= 0x10;
        assertTrue(failure(flipped).contains("checksum mismatch"));
        byte[] future = good.clone();
        future[5] = 9;
        assertTrue(failure(future).contains("version 9 is not supported"));
        for (int i = 6; i < 8; i++) {
            byte[] reserved = good.clone();
            reserved[i] ^= 0x01;
            assertTrue(failure(reserved).contains("reserved header bytes 6..7 are 0x"), failure(reserved));
        }
        // no single-bit flip anywhere in the header goes unnoticed
        for (int bit = 0; bit < 16 * 8; bit++) {
            byte[] b = good.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(b), "header bit " + bit);
        }
        byte[] padded = Arrays.copyOf(good, good.length + 3);
        assertTrue(failure(padded).contains("unexpected bytes"));
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(dir.resolve("nope.pqkm")));
        assertTrue(e.getMessage().contains("not found"));
    }

    @Test
    void everyModelReaderNamesAFolderOrMissingFileGivenAsAModel(@TempDir Path dir) {
        List<Function<Path, Object>> readers = List.of(ModelFile::read,
                p -> TfliteImporter.read(p, "m", null), TfliteFloatGraph::read);
        for (var reader : readers) {
            ModelFormatException folder = assertThrows(ModelFormatException.class, () -> reader.apply(dir));
            assertEquals(dir + ": is a directory, not a file", folder.getMessage());
            ModelFormatException missing = assertThrows(ModelFormatException.class,
                    () -> reader.apply(dir.resolve("none.tflite")));
            assertEquals("model file not found: " + dir.resolve("none.tflite"), missing.getMessage());
        }
    }

    @Test
    void inconsistentGraphsAreRejectedWithTheLayerNamed() {
        Int8Model t = TinyModels.convPoolFc();
        List<TensorSpec> wrong = List.of(t.tensors().get(0), new TensorSpec(1, "conv", 2, 2, 5, 0.2, -3),
                t.tensors().get(2), t.tensors().get(3));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> new Int8Model("x", t.labels(), null, wrong, t.ops(), 0, 3, new TreeMap<>()));
        assertTrue(e.getMessage().startsWith("conv:"), e.getMessage());
        assertThrows(ModelFormatException.class,
                () -> new Int8Model("x", List.of("only"), null, t.tensors(), t.ops(), 0, 3, new TreeMap<>()));
    }
}
