package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.quant.ActQuant;

import java.util.List;

/** A subset of a split's images as training examples, read from their files batch by batch. */
final class ImageSource implements TrainingSource {
    private final ImageRecords records;
    private final int[] members;
    private final List<String> classNames;

    ImageSource(ImageRecords records, int[] members, List<String> classNames) {
        this.records = records;
        this.members = members;
        this.classNames = classNames;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int height() {
        return records.height();
    }

    @Override
    public int width() {
        return records.width();
    }

    @Override
    public int channels() {
        return records.channels();
    }

    @Override
    public ActQuant inputQuant() {
        return ImageData.INPUT_QUANT;
    }

    @Override
    public int size() {
        return members.length;
    }

    @Override
    public Batch batch(int epoch, int[] order, int from, int to) {
        int[] idx = new int[to - from];
        int[] labels = new int[idx.length];
        for (int b = 0; b < idx.length; b++) {
            idx[b] = members[order[from + b]];
            labels[b] = records.label(idx[b]);
        }
        byte[][] rows = new byte[idx.length][];
        records.read(idx, 0, idx.length, rows);
        return new Batch(FeatureSet.dequantize(rows, height(), width(), channels(), ImageData.INPUT_QUANT), labels);
    }
}
