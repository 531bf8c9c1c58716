package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao et al.) in IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, plain or {@code .gz}. Debian's
 * {@code dataset-fashion-mnist} package installs them gzipped in {@link #DEFAULT_ROOT}, the default image
 * data. Gzipped images are decompressed into memory (47 MB for the training set); plain files are read on
 * demand. Works for the original MNIST files too (same format).
 */
public final class FashionMnist {
    public static final Path DEFAULT_ROOT = Path.of("/usr/share/datasets/fashion-mnist");
    /** Class names (identifier-safe forms of T-shirt/top … Ankle boot). */
    public static final List<String> CLASSES = List.of("tshirt_top", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle_boot");

    private FashionMnist() {}

    public static ImageSplits open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": no such directory (expected Fashion-MNIST IDX files; on Debian "
                    + "`apt-get install dataset-fashion-mnist` puts them in " + DEFAULT_ROOT + ")");
        }
        return new ImageSplits(split(root, "train"), split(root, "t10k"), CLASSES);
    }

    private static ImageRecords split(Path root, String prefix) {
        IdxFile images = IdxFile.open(find(root, prefix + "-images-idx3-ubyte"), 3);
        IdxFile labels = IdxFile.open(find(root, prefix + "-labels-idx1-ubyte"), 1);
        int n = images.dims()[0];
        if (labels.dims()[0] != n) {
            throw new DatasetException(labels.file() + ": holds " + labels.dims()[0] + " labels but "
                    + images.file().getFileName() + " holds " + n + " images");
        }
        byte[] raw = labels.payload();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = raw[i] & 0xFF;
            if (y[i] > 9) {
                throw new DatasetException(labels.file() + ": label " + i + " is " + y[i] + "; labels are 0..9");
            }
        }
        int h = images.dims()[1];
        int w = images.dims()[2];
        if (images.data() != null) {
            return new MemoryImageRecords(images.payload(), y, h, w, 1);
        }
        return new FileImageRecords(List.of(new FileImageRecords.Segment(images.file(), images.dataOffset(), n, h * w, 0)),
                y, h, w, 1, false);
    }

    /** The file, plain or gzipped. */
    private static Path find(Path root, String name) {
        Path plain = root.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = root.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DatasetException(root + ": missing " + name + " (or " + name + ".gz)");
    }
}
