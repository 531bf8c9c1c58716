package io.pqkmcu.codegen.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads test images for image models, in the formats image datasets come in:
 * <ul>
 *   <li>a folder of binary PGM (P5, gray) or PPM (P6, RGB) files, 8-bit, in file-name order, unlabelled
 *       (any image converts with netpbm or ImageMagick: {@code convert x.png -depth 8 x.ppm});</li>
 *   <li>an IDX3 image file, as MNIST and Fashion-MNIST ship ({@code *-images-idx3-ubyte}, also gzipped), with
 *       labels from the matching IDX1 file when given;</li>
 *   <li>a CIFAR-10 binary batch ({@code *.bin}: per record one label byte and 3072 bytes of 32×32 R, G, B planes).</li>
 * </ul>
 * Every problem is reported with the file and what was expected.
 */
public final class ImageFiles {
    private static final int IDX3_MAGIC = 0x0000_0803;
    private static final int IDX1_MAGIC = 0x0000_0801;
    private static final int CIFAR_SIDE = 32;
    private static final int CIFAR_RECORD = 1 + 3 * CIFAR_SIDE * CIFAR_SIDE;

    private ImageFiles() {}

    /**
     * Reads up to {@code limit} images from {@code path} (folder, IDX3 or CIFAR-10 batch), with labels from
     * {@code labels} (an IDX1 file, only for IDX3 images) when not null.
     */
    public static List<Image> read(Path path, Path labels, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the number of test images must be positive, got " + limit);
        }
        if (Files.isDirectory(path)) {
            if (labels != null) {
                throw new IllegalArgumentException("--image-labels goes with an IDX image file; PGM/PPM folders are unlabelled");
            }
            return netpbmFolder(path, limit);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("image file or folder not found: " + path);
        }
        byte[] bytes = bytes(path);
        if (bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == IDX3_MAGIC) {
            return idx(path, bytes, labels, limit);
        }
        if (labels != null) {
            throw new IllegalArgumentException("--image-labels goes with an IDX image file; " + path + " is not one");
        }
        if (path.toString().toLowerCase(Locale.ROOT).endsWith(".bin")) {
            // a .bin is read as a CIFAR-10 batch, and its defects are named as train and eval name them
            if (bytes.length == 0 || bytes.length % CIFAR_RECORD != 0) {
                throw new IllegalArgumentException(path + ": " + bytes.length + " bytes is not a whole number of "
                        + CIFAR_RECORD + "-byte CIFAR-10 records (" + bytes.length / CIFAR_RECORD + " records and "
                        + bytes.length % CIFAR_RECORD + " bytes over: truncated, or not a CIFAR-10 batch)");
            }
            return cifar(path, bytes, limit);
        }
        if (bytes.length >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '6')) {
            return List.of(netpbm(path, bytes));
        }
        throw new IllegalArgumentException(path + " is not a PGM/PPM image, an IDX3 image file or a CIFAR-10 batch "
                + "(records of 3073 bytes, named *.bin)");
    }

    private static List<Image> netpbmFolder(Path dir, int limit) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(pgm|ppm|pnm)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no .pgm or .ppm images");
        }
        List<Image> images = new ArrayList<>();
        for (Path f : files.subList(0, Math.min(limit, files.size()))) {
            images.add(netpbm(f, bytes(f)));
        }
        return images;
    }

    /** Binary PGM/PPM: magic, width, height, maxval (whitespace and # comments between), one whitespace, data. */
    static Image netpbm(Path file, byte[] b) {
        int channels = b[1] == '5' ? 1 : 3;
        int[] at = {2};
        int width = header(file, b, at);
        int height = header(file, b, at);
        int max = header(file, b, at);
        if (max != 255) {
            throw new IllegalArgumentException(file + ": maxval " + max + "; only 8-bit images (maxval 255) are read");
        }
        int start = at[0] + 1; // exactly one whitespace byte after maxval
        int n = width * height * channels;
        if (b.length - start < n) {
            throw new IllegalArgumentException(file + ": truncated, " + (b.length - start) + " of " + n + " pixel bytes");
        }
        byte[] px = new byte[n];
        System.arraycopy(b, start, px, 0, n);
        return new Image(height, width, channels, px, -1);
    }

    private static int header(Path file, byte[] b, int[] at) {
        int i = at[0];
        while (i < b.length && (Character.isWhitespace(b[i]) || b[i] == '#')) {
            if (b[i] == '#') {
                while (i < b.length && b[i] != '\n') {
                    i++;
                }
            } else {
                i++;
            }
        }
        int v = 0;
        int digits = 0;
        while (i < b.length && b[i] >= '0' && b[i] <= '9' && digits < 9) {
            v = v * 10 + (b[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || v <= 0) {
            throw new IllegalArgumentException(file + ": malformed PGM/PPM header");
        }
        at[0] = i;
        return v;
    }

    private static List<Image> idx(Path path, byte[] b, Path labelFile, int limit) {
        ByteBuffer h = ByteBuffer.wrap(b);
        h.getInt();
        int count = h.getInt();
        int rows = h.getInt();
        int cols = h.getInt();
        long need = 16L + (long) count * rows * cols;
        if (count < 0 || rows <= 0 || cols <= 0 || b.length < need) {
            throw new IllegalArgumentException(path + ": IDX3 header says " + count + " images of " + rows + "x" + cols
                    + " but the file has " + b.length + " bytes");
        }
        int[] labels = null;
        if (labelFile != null) {
            byte[] l = bytes(labelFile);
            ByteBuffer lh = ByteBuffer.wrap(l);
            if (l.length < 8 || lh.getInt() != IDX1_MAGIC) {
                throw new IllegalArgumentException(labelFile + " is not an IDX1 label file");
            }
            int n = lh.getInt();
            if (n != count || l.length < 8 + n) {
                if (n == count) {
                    throw new IllegalArgumentException(labelFile + ": truncated, " + (l.length - 8) + " of " + n
                            + " label bytes");
                }
                throw new IllegalArgumentException(labelFile + " holds " + n + " labels for " + count + " images in " + path);
            }
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = l[8 + i] & 0xFF;
            }
        }
        List<Image> images = new ArrayList<>();
        int px = rows * cols;
        for (int i = 0; i < Math.min(limit, count); i++) {
            byte[] p = new byte[px];
            System.arraycopy(b, 16 + i * px, p, 0, px);
            images.add(new Image(rows, cols, 1, p, labels == null ? -1 : labels[i]));
        }
        return images;
    }

    /** CIFAR-10 stores each image as three 32×32 planes; the model wants pixels interleaved (HWC). */
    private static List<Image> cifar(Path path, byte[] b, int limit) {
        int n = Math.min(limit, b.length / CIFAR_RECORD);
        int plane = CIFAR_SIDE * CIFAR_SIDE;
        List<Image> images = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int base = r * CIFAR_RECORD;
            if ((b[base] & 0xFF) > 9) {
                throw new IllegalArgumentException(path + ": record " + r + " has label " + (b[base] & 0xFF)
                        + "; CIFAR-10 labels are 0..9");
            }
            byte[] hwc = new byte[3 * plane];
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    hwc[3 * i + c] = b[base + 1 + c * plane + i];
                }
            }
            images.add(new Image(CIFAR_SIDE, CIFAR_SIDE, 3, hwc, b[base] & 0xFF));
        }
        return images;
    }

    /** The file's bytes, gunzipped when it is gzip (Debian ships Fashion-MNIST as .gz). */
    private static byte[] bytes(Path p) {
        try {
            byte[] raw = Files.readAllBytes(p);
            if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
                try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
