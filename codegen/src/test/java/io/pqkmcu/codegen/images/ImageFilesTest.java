package io.pqkmcu.codegen.images;

import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilesTest {
    @TempDir
    Path tmp;

    static byte[] idx3(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] idx1(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    @Test
    void readsIdxImagesWithLabelsAlsoGzipped() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(idx3(3, 4, 5));
        }
        Files.write(tmp.resolve("i.gz"), gz.toByteArray());
        Files.write(tmp.resolve("l"), idx1(2, 0, 9));
        List<Image> images = ImageFiles.read(tmp.resolve("i.gz"), tmp.resolve("l"), 2);
        assertEquals(2, images.size());
        assertEquals("4x5x1", images.get(1).shape());
        assertEquals(0, images.get(1).label());
        assertEquals((byte) (20 * 7), images.get(1).pixels()[0]);
    }

    @Test
    void readsCifarBatchesIntoInterleavedPixels() throws Exception {
        byte[] rec = new byte[3073];
        rec[0] = 4;
        rec[1] = 10;          // R of pixel 0
        rec[1 + 1024] = 20;   // G of pixel 0
        rec[1 + 2048] = 30;   // B of pixel 0
        rec[1 + 1] = 11;      // R of pixel 1
        Files.write(tmp.resolve("data_batch_1.bin"), rec);
        Image img = ImageFiles.read(tmp.resolve("data_batch_1.bin"), null, 10).get(0);
        assertEquals("32x32x3", img.shape());
        assertEquals(4, img.label());
        assertArrayEquals(new byte[] {10, 20, 30, 11}, java.util.Arrays.copyOf(img.pixels(), 4));
    }

    @Test
    void readsAFolderOfPgmAndPpmInNameOrder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("imgs"));
        Files.write(dir.resolve("b.ppm"), netpbm("P6\n# a comment\n2 1\n255\n", new byte[] {1, 2, 3, 4, 5, 6}));
        Files.write(dir.resolve("a.pgm"), netpbm("P5 2 2 255\n", new byte[] {9, 8, 7, 6}));
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        List<Image> images = ImageFiles.read(dir, null, 10);
        assertEquals(List.of("2x2x1", "1x2x3"), images.stream().map(Image::shape).toList());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, images.get(1).pixels());
        assertEquals(-1, images.get(0).label());
    }

    @Test
    void badFilesAreNamedWithWhatWasExpected() throws Exception {
        Files.write(tmp.resolve("x.pgm"), netpbm("P5 2 2 65535\n", new byte[8]));
        assertMessage(() -> ImageFiles.read(tmp.resolve("x.pgm"), null, 1), "only 8-bit images");
        Files.write(tmp.resolve("t.pgm"), netpbm("P5 4 4 255\n", new byte[3]));
        assertMessage(() -> ImageFiles.read(tmp.resolve("t.pgm"), null, 1), "truncated");
        Files.writeString(tmp.resolve("y.txt"), "hello");
        assertMessage(() -> ImageFiles.read(tmp.resolve("y.txt"), null, 1), "is not a PGM/PPM image, an IDX3 image file");
        Files.write(tmp.resolve("i"), idx3(3, 2, 2));
        Files.write(tmp.resolve("l"), idx1(1, 2));
        assertMessage(() -> ImageFiles.read(tmp.resolve("i"), tmp.resolve("l"), 3), "holds 2 labels for 3 images");
        assertMessage(() -> ImageFiles.read(tmp.resolve("none"), null, 3), "not found");
    }

    @Test
    void aDamagedCifarBatchIsNamedWithItsDefect() throws Exception {
        Path bin = tmp.resolve("test_batch.bin");
        Files.write(bin, new byte[3073 * 2 + 100]);
        assertMessage(() -> ImageFiles.read(bin, null, 3), bin + ": 6246 bytes is not a whole number of 3073-byte "
                + "CIFAR-10 records (2 records and 100 bytes over");
        byte[] records = new byte[3073 * 2];
        records[3073] = 12;
        Files.write(bin, records);
        assertMessage(() -> ImageFiles.read(bin, null, 3), bin + ": record 1 has label 12; CIFAR-10 labels are 0..9");
        Int8Model m = RandomModels.random(11, 2, 2, 1, 10, null);
        assertMessage(() -> ImageInputs.of(m, List.of(new Image(2, 2, 1, new byte[4], 10)), PixelScaling.UNIT, "labels.idx"),
                "labels.idx: test image 0 has label 10");
    }

    @Test
    void imagesBecomeQuantizedModelInputsAndWrongShapesAreRefused() {
        Int8Model m = RandomModels.random(11, 2, 2, 1, 10, null);
        Image img = new Image(2, 2, 1, new byte[] {0, (byte) 255, (byte) 128, 64}, 3);
        TestInputs t = ImageInputs.of(m, List.of(img), PixelScaling.UNIT);
        double s = m.input().scale();
        int zp = m.input().zeroPoint();
        byte[] v = t.vectors().get(0);
        assertEquals(Math.max(-128, Math.min(127, Math.round(1.0 / s) + zp)), v[1]);
        assertEquals(Math.max(-128, Math.min(127, zp)), v[0]);
        assertEquals(List.of(3), t.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageInputs.of(m,
                List.of(new Image(3, 2, 1, new byte[6], -1)), PixelScaling.UNIT));
        assertTrue(e.getMessage().contains("image is 3x2x1 but the model takes 2x2x1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageInputs.of(m, List.of(new Image(2, 2, 1, new byte[4], 10)),
                PixelScaling.UNIT));
    }

    private static byte[] netpbm(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, out, h.length, data.length);
        return out;
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
