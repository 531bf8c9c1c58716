package io.pqkmcu.trainer.features;

import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Tensor;

import java.util.List;

/**
 * Training examples as the trainer draws them: {@link #size()} examples per epoch, addressed by position
 * in the epoch. A fixed feature set returns the same example at a position every epoch; an augmenting
 * source computes it afresh from (seed, epoch, position), so that a resumed run sees exactly the
 * examples an uninterrupted one would.
 */
public interface TrainingSource {
    List<String> classNames();

    int height();

    int width();

    int channels();

    /** The int8 quantization of the model input (the network trains on dequantized int8 values). */
    ActQuant inputQuant();

    /** Examples per epoch (the same every epoch). */
    int size();

    /** The examples at positions {@code order[from..to)} of epoch {@code epoch}. */
    Batch batch(int epoch, int[] order, int from, int to);

    /**
     * What, besides the data itself, decides the examples (for the checkpoint's settings check): "fixed" for
     * precomputed features, the augmentation and its seed for an augmenting source.
     */
    default String settings() {
        return "fixed";
    }

    /** Dequantized inputs [n, height, width, channels] and their labels. */
    record Batch(Tensor x, int[] labels) {}
}
