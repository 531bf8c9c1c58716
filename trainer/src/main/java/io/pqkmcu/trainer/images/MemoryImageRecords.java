package io.pqkmcu.trainer.images;

/** Images held in memory (decompressed IDX files), HWC uint8 pixels one image after another. */
final class MemoryImageRecords extends LabelledImageRecords {
    private final byte[] pixels;

    MemoryImageRecords(byte[] pixels, int[] labels, int h, int w, int c) {
        super(labels, h, w, c);
        this.pixels = pixels;
    }

    @Override
    public void read(int[] indices, int from, int to, byte[][] dst) {
        int size = imageBytes();
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
