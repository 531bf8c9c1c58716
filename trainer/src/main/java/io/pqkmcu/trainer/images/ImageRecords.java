package io.pqkmcu.trainer.images;

/**
 * Labelled images of one split, read on demand: pixels come back as int8 (pixel − 128, the model input
 * quantization scale 1/255, zero point −128) in HWC order.
 */
public interface ImageRecords {
    int size();

    int height();

    int width();

    int channels();

    int label(int i);

    /** Reads images {@code indices[from..to)} into {@code dst[0..to-from)} (each height × width × channels). */
    void read(int[] indices, int from, int to, byte[][] dst);
}
