package io.pqkmcu.trainer.images;

/** Images held in memory (decompressed IDX files), HWC uint8 pixels one image after another. */
final class MemoryImageRecords implements ImageRecords {
    private final byte[] pixels;
    private final int[] labels;
    private final int h;
    private final int w;
    private final int c;

    MemoryImageRecords(byte[] pixels, int[] labels, int h, int w, int c) {
        this.pixels = pixels;
        this.labels = labels;
        this.h = h;
        this.w = w;
        this.c = c;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int height() {
        return h;
    }

    @Override
    public int width() {
        return w;
    }

    @Override
    public int channels() {
        return c;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void read(int[] indices, int from, int to, byte[][] dst) {
        int size = h * w * c;
        for (int k = from; k < to; k++) {
            byte[] out = new byte[size];
            int o = indices[k] * size;
            for (int i = 0; i < size; i++) {
                out[i] = (byte) ((pixels[o + i] & 0xFF) - 128);
            }
            dst[k - from] = out;
        }
    }
}
