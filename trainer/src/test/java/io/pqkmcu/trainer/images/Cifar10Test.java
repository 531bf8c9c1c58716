package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.train.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10Test {
    @TempDir
    Path root;

    /** Record k of a file: label k % 10, red plane = 10 + k, green = 100 + k, blue = 200 + k (+ pixel index % 3). */
    private static byte[] batch(int records, int base) {
        byte[] b = new byte[records * Cifar10.RECORD_BYTES];
        for (int r = 0; r < records; r++) {
            int k = base + r;
            int o = r * Cifar10.RECORD_BYTES;
            b[o] = (byte) (k % 10);
            for (int p = 0; p < 1024; p++) {
                b[o + 1 + p] = (byte) (10 + k + p % 3);
                b[o + 1 + 1024 + p] = (byte) (100 + k + p % 3);
                b[o + 1 + 2048 + p] = (byte) (200 + k % 50 + p % 3);
            }
        }
        return b;
    }

    private Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), batch(4, 4 * (i - 1)));
        }
        Files.write(dir.resolve("test_batch.bin"), batch(3, 100));
        return dir;
    }

    private static String error(Path root) {
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.open(root));
        return e.getMessage();
    }

    @Test
    void readsBatchesFromTheSubfolderWithPlanarPixelsAsHwcInt8() throws IOException {
        write(root.resolve("cifar-10-batches-bin"));
        ImageSplits s = Cifar10.open(root);
        assertEquals(20, s.train().size());
        assertEquals(3, s.test().size());
        assertEquals(Cifar10.CLASSES, s.classNames());
        assertEquals(6 % 10, s.train().label(6));
        byte[][] px = new byte[1][];
        s.train().read(new int[] {6}, 0, 1, px);
        assertEquals(32 * 32 * 3, px[0].length);
        // pixel 5 (y 0, x 5): channels interleaved, shifted by −128
        assertArrayEquals(new byte[] {(byte) (10 + 6 + 2 - 128), (byte) (100 + 6 + 2 - 128), (byte) (200 + 6 + 2 - 128)},
                java.util.Arrays.copyOfRange(px[0], 15, 18));
    }

    @Test
    void trainingDataHoldsOutValidationAndStreamsTraining() throws IOException {
        write(root);
        TrainingData d = ImageData.load(ImageData.Dataset.CIFAR10, root, new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(18, d.train().size());
        assertEquals(2, d.validation().size());
        assertEquals(3, d.test().size());
        TrainingSource.Batch b = d.train().batch(0, new int[] {17, 0}, 0, 2);
        assertArrayEquals(new int[] {7, 0}, b.labels());
        assertEquals((10 + 17) / 255f, b.x().data[0], 1e-6f); // pixel 0, red, dequantized to [0, 1]
    }

    @Test
    void classNamesComeFromTheMetaFile() throws IOException {
        write(root);
        Files.writeString(root.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertEquals("j", Cifar10.open(root).classNames().get(9));
        Files.writeString(root.resolve("batches.meta.txt"), "a\nb\n");
        assertTrue(error(root).contains("batches.meta.txt: lists 2 class names"));
    }

    @Test
    void malformedInputIsNamed() throws IOException {
        assertTrue(error(root.resolve("nope")).contains("no such directory"));
        write(root);
        Files.delete(root.resolve("data_batch_3.bin"));
        assertTrue(error(root).contains("data_batch_3.bin: missing"), error(root));
        write(root);
        Files.write(root.resolve("data_batch_2.bin"), new byte[Cifar10.RECORD_BYTES + 7]);
        assertTrue(error(root).contains("data_batch_2.bin: 3080 bytes is not a whole number"), error(root));
        write(root);
        byte[] bad = batch(4, 0);
        bad[2 * Cifar10.RECORD_BYTES] = 12;
        Files.write(root.resolve("test_batch.bin"), bad);
        assertTrue(error(root).contains("test_batch.bin: record 2 has label 12"), error(root));
        Files.write(root.resolve("test_batch.bin"), new byte[0]);
        assertTrue(error(root).contains("test_batch.bin: 0 bytes"), error(root));
    }
}
