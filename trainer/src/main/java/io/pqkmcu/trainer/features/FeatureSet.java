package io.pqkmcu.trainer.features;

import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Tensor;

import java.util.List;

/**
 * Labelled int8 model inputs (front-end features or images) of one split. The network trains on the
 * dequantized int8 values, so it sees exactly what the device's model sees.
 *
 * @param inputs     one int8 array of height × width × channels per example
 * @param labels     class index per example
 * @param names      a display name per example (file path or id), for reports
 */
public record FeatureSet(List<String> classNames, byte[][] inputs, int[] labels, List<String> names, int height,
                         int width, int channels, ActQuant inputQuant) implements TrainingSource {
    public FeatureSet {
        if (inputs.length != labels.length || names.size() != labels.length) {
            throw new IllegalArgumentException("inputs, labels and names disagree in length");
        }
        int size = height * width * channels;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("example " + names.get(i) + " has " + inputs[i].length
                        + " values, expected " + size);
            }
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("example " + names.get(i) + " has label " + labels[i]
                        + " outside 0.." + (classNames.size() - 1));
            }
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    /** The same examples every epoch. */
    @Override
    public Batch batch(int epoch, int[] order, int from, int to) {
        return new Batch(batch(order, from, to), labelsOf(order, from, to));
    }

    /** Dequantized batch of the given examples. */
    public Tensor batch(int[] indices, int from, int to) {
        byte[][] rows = new byte[to - from][];
        for (int b = 0; b < rows.length; b++) {
            rows[b] = inputs[indices[from + b]];
        }
        return dequantize(rows, height, width, channels, inputQuant);
    }

    /** Dequantizes int8 examples of height × width × channels into one batch tensor. */
    public static Tensor dequantize(byte[][] rows, int height, int width, int channels, ActQuant quant) {
        int size = height * width * channels;
        Tensor t = new Tensor(rows.length, height, width, channels);
        float[] lut = new float[256];
        for (int q = -128; q < 128; q++) {
            lut[q + 128] = quant.dequantize(q);
        }
        for (int b = 0; b < rows.length; b++) {
            byte[] x = rows[b];
            int o = b * size;
            for (int i = 0; i < size; i++) {
                t.data[o + i] = lut[x[i] + 128];
            }
        }
        return t;
    }

    public int[] labelsOf(int[] indices, int from, int to) {
        int[] y = new int[to - from];
        for (int b = 0; b < y.length; b++) {
            y[b] = labels[indices[from + b]];
        }
        return y;
    }

    /** Examples per class, for reports and sanity checks. */
    public int[] classCounts() {
        int[] c = new int[classNames.size()];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }
}
