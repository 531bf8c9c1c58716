package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of (Fashion-)MNIST: a big-endian magic {@code 0x0000 TT DD} (TT = 0x08 for unsigned
 * bytes, DD = number of dimensions), DD big-endian int32 dimensions, then the data. Files may be
 * gzip-compressed ({@code .gz}), as Debian's {@code dataset-fashion-mnist} ships them.
 *
 * @param dims       the dimensions ([n] for labels, [n, rows, cols] for images)
 * @param dataOffset where the data starts in the (uncompressed) file
 * @param data       the whole uncompressed file for .gz files; null for plain files (read on demand)
 */
record IdxFile(Path file, int[] dims, long dataOffset, byte[] data) {

    /** Reads a header (and, for .gz, the whole content) and checks the magic, dimensions and length. */
    static IdxFile open(Path file, int expectedDims) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": missing");
        }
        boolean gz = file.getFileName().toString().endsWith(".gz");
        byte[] all = null;
        byte[] head;
        long length;
        try {
            if (gz) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    all = in.readAllBytes();
                } catch (ZipException | java.io.EOFException e) {
                    throw new DatasetException(file + ": not a complete gzip file (" + e.getMessage() + ")", e);
                }
                head = Arrays.copyOf(all, Math.min(all.length, 4 + 4 * expectedDims));
                length = all.length;
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    head = in.readNBytes(4 + 4 * expectedDims);
                }
                length = Files.size(file);
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (head.length < 4) {
            throw new DatasetException(file + ": too short for an IDX header");
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int magic = b.getInt();
        int type = (magic >>> 8) & 0xFF;
        int nd = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != 0x08) {
            throw new DatasetException(file + ": not an IDX file of unsigned bytes (magic 0x"
                    + String.format("%08x", magic) + ")");
        }
        if (nd != expectedDims) {
            throw new DatasetException(file + ": has " + nd + " dimensions, expected " + expectedDims + " ("
                    + (expectedDims == 1 ? "labels" : "images") + ")");
        }
        if (head.length < 4 + 4 * nd) {
            throw new DatasetException(file + ": too short for its IDX header");
        }
        int[] dims = new int[nd];
        long expected = 1;
        for (int i = 0; i < nd; i++) {
            dims[i] = b.getInt();
            if (dims[i] <= 0) {
                throw new DatasetException(file + ": dimension " + i + " is " + dims[i]);
            }
            expected *= dims[i];
        }
        long offset = 4 + 4L * nd;
        if (length != offset + expected) {
            throw new DatasetException(file + ": holds " + (length - offset) + " data bytes, its header says "
                    + expected + (length < offset + expected ? " (truncated?)" : ""));
        }
        return new IdxFile(file, dims, offset, all);
    }

    /** The data bytes (the whole payload, read now for plain files). */
    byte[] payload() {
        if (data != null) {
            return Arrays.copyOfRange(data, (int) dataOffset, data.length);
        }
        try {
            byte[] all = Files.readAllBytes(file);
            return Arrays.copyOfRange(all, (int) dataOffset, all.length);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
