package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary version ({@code cifar-10-binary.tar.gz} unpacked): {@code data_batch_1.bin} …
 * {@code data_batch_5.bin} and {@code test_batch.bin}, each a run of 3073-byte records — one label byte
 * (0–9), then 1024 red, 1024 green and 1024 blue bytes of a 32 × 32 image, row by row. Images are read
 * from the files on demand; only the labels are held in memory. Class names come from
 * {@code batches.meta.txt} when it is there.
 */
public final class Cifar10 {
    public static final int SIZE = 32;
    public static final int RECORD_BYTES = 1 + 3 * SIZE * SIZE;
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    static final String SUBDIR = "cifar-10-batches-bin";

    private Cifar10() {}

    /** Opens the batches in {@code root} or in {@code root/cifar-10-batches-bin}. */
    public static ImageSplits open(Path root) {
        Path dir = root;
        if (!Files.isRegularFile(dir.resolve("test_batch.bin")) && Files.isDirectory(root.resolve(SUBDIR))) {
            dir = root.resolve(SUBDIR);
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(root + ": no such directory (expected the unpacked CIFAR-10 binary version: "
                    + "data_batch_1.bin … data_batch_5.bin and test_batch.bin)");
        }
        List<Path> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            train.add(dir.resolve("data_batch_" + i + ".bin"));
        }
        return new ImageSplits(records(train), records(List.of(dir.resolve("test_batch.bin"))), classNames(dir));
    }

    private static FileImageRecords records(List<Path> files) {
        List<FileImageRecords.Segment> segments = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        int total = 0;
        for (Path f : files) {
            int[] l = labels(f);
            labels.add(l);
            segments.add(new FileImageRecords.Segment(f, 0, l.length, RECORD_BYTES, 1));
            total += l.length;
        }
        int[] all = new int[total];
        int o = 0;
        for (int[] l : labels) {
            System.arraycopy(l, 0, all, o, l.length);
            o += l.length;
        }
        return new FileImageRecords(segments, all, SIZE, SIZE, 3, true);
    }

    /** Reads and checks every label byte of a batch file. */
    static int[] labels(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new DatasetException(f + ": missing (CIFAR-10 needs data_batch_1.bin … data_batch_5.bin and "
                    + "test_batch.bin from the binary version)");
        }
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new DatasetException(f + ": cannot read: " + e.getMessage(), e);
        }
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new DatasetException(f + ": " + size + " bytes is not a whole number of " + RECORD_BYTES
                    + "-byte CIFAR-10 records (truncated download, or the Python version of the dataset?)");
        }
        int n = (int) (size / RECORD_BYTES);
        int[] labels = new int[n];
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                if (in.readNBytes(record, 0, RECORD_BYTES) != RECORD_BYTES) {
                    throw new DatasetException(f + ": file ended inside record " + i);
                }
                int label = record[0] & 0xFF;
                if (label > 9) {
                    throw new DatasetException(f + ": record " + i + " has label " + label + "; CIFAR-10 labels are 0..9");
                }
                labels[i] = label;
            }
        } catch (IOException e) {
            throw new DatasetException(f + ": cannot read: " + e.getMessage(), e);
        }
        return labels;
    }

    private static List<String> classNames(Path dir) {
        Path meta = dir.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) {
            return CLASSES;
        }
        try {
            List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            if (names.size() != 10) {
                throw new DatasetException(meta + ": lists " + names.size() + " class names, CIFAR-10 has 10");
            }
            return names;
        } catch (IOException e) {
            throw new DatasetException(meta + ": cannot read: " + e.getMessage(), e);
        }
    }
}
