package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Fixed-size image records read from files on demand (CIFAR-10 binary batches, uncompressed IDX), so a
 * large training set is never held in memory. Labels are read once up front.
 */
final class FileImageRecords extends LabelledImageRecords {
    /**
     * A run of records in one file.
     *
     * @param offset       byte offset of the first record
     * @param recordBytes  bytes per record
     * @param pixelOffset  where the pixels start inside a record (CIFAR: after the label byte)
     */
    record Segment(Path file, long offset, int count, int recordBytes, int pixelOffset) {}

    private final List<Segment> segments;
    /** CIFAR stores planes (all red, then green, then blue); the model wants HWC. */
    private final boolean planar;

    FileImageRecords(List<Segment> segments, int[] labels, int h, int w, int c, boolean planar) {
        super(labels, h, w, c);
        this.segments = List.copyOf(segments);
        this.planar = planar;
    }

    @Override
    public void read(int[] indices, int from, int to, byte[][] dst) {
        int size = imageBytes();
        FileChannel[] open = new FileChannel[segments.size()];
        try {
            ByteBuffer buf = ByteBuffer.allocate(size);
            for (int k = from; k < to; k++) {
                int i = indices[k];
                int s = 0;
                while (i >= segments.get(s).count()) {
                    i -= segments.get(s).count();
                    s++;
                }
                Segment seg = segments.get(s);
                if (open[s] == null) {
                    open[s] = FileChannel.open(seg.file(), StandardOpenOption.READ);
                }
                buf.clear();
                long pos = seg.offset() + (long) i * seg.recordBytes() + seg.pixelOffset();
                while (buf.hasRemaining()) {
                    if (open[s].read(buf, pos + buf.position()) < 0) {
                        throw new DatasetException(seg.file() + ": file ended inside record " + i
                                + " (it changed after it was opened?)");
                    }
                }
                dst[k - from] = toInt8(buf.array());
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read images: " + e.getMessage(), e);
        } finally {
            for (FileChannel ch : open) {
                try {
                    if (ch != null) {
                        ch.close();
                    }
                } catch (IOException ignored) {
                    // read-only channel: nothing to lose
                }
            }
        }
    }

    private byte[] toInt8(byte[] raw) {
        byte[] out = new byte[raw.length];
        if (!planar) {
            for (int i = 0; i < raw.length; i++) {
                out[i] = (byte) ((raw[i] & 0xFF) - 128);
            }
            return out;
        }
        int plane = height() * width();
        int c = channels();
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < plane; p++) {
                out[p * c + ch] = (byte) ((raw[ch * plane + p] & 0xFF) - 128);
            }
        }
        return out;
    }
}
