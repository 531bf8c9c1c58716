package io.pqkmcu.trainer.images;

/**
 * What every {@link ImageRecords} source shares: the labels, read up front, and the image shape; the
 * subclasses differ only in where the pixels come from.
 */
abstract class LabelledImageRecords implements ImageRecords {
    private final int[] labels;
    private final int h;
    private final int w;
    private final int c;

    LabelledImageRecords(int[] labels, int h, int w, int c) {
        this.labels = labels;
        this.h = h;
        this.w = w;
        this.c = c;
    }

    @Override
    public final int size() {
        return labels.length;
    }

    @Override
    public final int height() {
        return h;
    }

    @Override
    public final int width() {
        return w;
    }

    @Override
    public final int channels() {
        return c;
    }

    @Override
    public final int label(int i) {
        return labels[i];
    }

    /** Bytes of one image (height × width × channels). */
    final int imageBytes() {
        return h * w * c;
    }
}
