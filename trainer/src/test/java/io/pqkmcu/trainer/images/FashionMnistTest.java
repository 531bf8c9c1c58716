package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {
    @TempDir
    Path root;

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private static byte[] images(int n) {
        byte[] px = new byte[n * 4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 251);
        }
        return idx(0x803, new int[] {n, 4, 3}, px);
    }

    private static byte[] labels(int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % 10);
        }
        return idx(0x801, new int[] {n}, l);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private void write(boolean gz) throws IOException {
        Files.write(root.resolve("train-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(images(30)) : images(30));
        Files.write(root.resolve("train-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? gzip(labels(30)) : labels(30));
        Files.write(root.resolve("t10k-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(images(5)) : images(5));
        Files.write(root.resolve("t10k-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? gzip(labels(5)) : labels(5));
    }

    private String error() {
        return assertThrows(DatasetException.class, () -> FashionMnist.open(root)).getMessage();
    }

    @Test
    void plainAndGzippedFilesReadTheSame() throws IOException {
        write(false);
        ImageSplits plain = FashionMnist.open(root);
        byte[][] a = new byte[2][];
        plain.train().read(new int[] {29, 1}, 0, 2, a);
        for (Path p : Files.list(root).toList()) {
            Files.delete(p);
        }
        write(true);
        ImageSplits gz = FashionMnist.open(root);
        byte[][] b = new byte[2][];
        gz.train().read(new int[] {29, 1}, 0, 2, b);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertEquals(30, gz.train().size());
        assertEquals(5, gz.test().size());
        assertEquals(9, gz.train().label(29));
        assertEquals((byte) ((12 % 251) - 128), b[1][0], "image 1 starts at pixel byte 12, shifted by -128");
        assertEquals(4, gz.train().height());
        assertEquals(3, gz.train().width());
    }

    @Test
    void malformedFilesAreNamed() throws IOException {
        assertTrue(assertThrows(DatasetException.class, () -> FashionMnist.open(root.resolve("x"))).getMessage()
                .contains("dataset-fashion-mnist"));
        write(false);
        Files.delete(root.resolve("t10k-labels-idx1-ubyte"));
        assertTrue(error().contains("missing t10k-labels-idx1-ubyte"), error());
        write(false);
        Files.write(root.resolve("train-labels-idx1-ubyte"), labels(29));
        assertTrue(error().contains("train-labels-idx1-ubyte: holds 29 labels but train-images-idx3-ubyte holds 30"), error());
        write(false);
        Files.write(root.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(images(30), 100));
        assertTrue(error().contains("train-images-idx3-ubyte: holds 84 data bytes, its header says 360 (truncated?)"), error());
        write(false);
        Files.write(root.resolve("train-images-idx3-ubyte"), labels(30));
        assertTrue(error().contains("train-images-idx3-ubyte: has 1 dimensions, expected 3"), error());
        write(false);
        Files.write(root.resolve("train-images-idx3-ubyte"), "P5 4 3 255\n".getBytes());
        assertTrue(error().contains("not an IDX file"), error());
        write(false);
        byte[] bad = labels(30);
        bad[8 + 4] = 10;
        Files.write(root.resolve("train-labels-idx1-ubyte"), bad);
        assertTrue(error().contains("train-labels-idx1-ubyte: label 4 is 10"), error());
        for (Path p : Files.list(root).toList()) {
            Files.delete(p);
        }
        write(true);
        byte[] gz = gzip(images(30));
        Files.write(root.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        assertTrue(error().contains("train-images-idx3-ubyte.gz: not a complete gzip file"), error());
    }

    @Test
    void debiansPackageIsTheDefault() {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_ROOT),
                "dataset-fashion-mnist is not installed (scripts/system-packages.txt lists it)");
        ImageSplits s = FashionMnist.open(FashionMnist.DEFAULT_ROOT);
        assertEquals(60000, s.train().size());
        assertEquals(10000, s.test().size());
        assertEquals(28, s.train().height());
        assertEquals(9, s.train().label(0)); // the first training image is an ankle boot
    }
}
