package io.pqkmcu.trainer.images;

import io.pqkmcu.trainer.data.DatasetException;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.train.TrainingData;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An image dataset as training data. Pixels p in 0..255 are the int8 input p − 128, which is exactly the
 * quantization of p/255 with scale 1/255 and zero point −128, so the network sees [0, 1] images and no
 * calibration is needed. The last {@code min(5000, train/10)} training images are held out for
 * validation; training images are streamed from their files, validation and test are held in memory.
 * No augmentation is applied to images.
 */
public final class ImageData {
    /** Model input quantization of every image dataset: real = (q + 128) / 255. */
    public static final ActQuant INPUT_QUANT = ActQuant.fromRange(0, 1);

    private ImageData() {}

    /** The image datasets pqk reads. */
    public enum Dataset {
        CIFAR10("cifar10"), FASHION_MNIST("fashion-mnist");

        public final String id;

        Dataset(String id) {
            this.id = id;
        }
    }

    public static ImageSplits open(Dataset dataset, Path root) {
        return dataset == Dataset.CIFAR10 ? Cifar10.open(root) : FashionMnist.open(root);
    }

    /** Images held out of the training split for validation: the last min(5000, n/10). */
    static int heldOut(int n) {
        return Math.min(5000, n / 10);
    }

    /** One split as features (pqk eval): TRAIN without the held-out images, VALIDATION the held-out ones, TEST. */
    public static FeatureSet split(Dataset dataset, Path root, io.pqkmcu.model.data.Split split) {
        ImageSplits s = open(dataset, root);
        int n = s.train().size();
        int held = heldOut(n);
        switch (split) {
            case TRAIN:
                return features(s.train(), range(0, n - held), s.classNames(), "train");
            case VALIDATION:
                return features(s.train(), range(n - held, n), s.classNames(), "validation");
            default:
                return features(s.test(), range(0, s.test().size()), s.classNames(), "test");
        }
    }

    public static TrainingData load(Dataset dataset, Path root, PrintStream log) {
        ImageSplits s = open(dataset, root);
        int n = s.train().size();
        int held = heldOut(n);
        if (held < 1 || s.test().size() < 1) {
            throw new DatasetException(root + ": too few images (" + n + " training, " + s.test().size() + " test)");
        }
        int[] train = range(0, n - held);
        int[] validation = range(n - held, n);
        log.printf(Locale.ROOT, "%s: %d training, %d validation (held out), %d test images of %dx%dx%d, %d classes%n",
                dataset.id, train.length, validation.length, s.test().size(), s.train().height(), s.train().width(),
                s.train().channels(), s.classNames().size());
        return new TrainingData(dataset.id, new ImageSource(s.train(), train, s.classNames()),
                features(s.train(), validation, s.classNames(), "validation"),
                features(s.test(), range(0, s.test().size()), s.classNames(), "test"), null);
    }

    /** Reads a subset into memory as a feature set (validation, test, eval). */
    public static FeatureSet features(ImageRecords r, int[] members, List<String> classNames, String split) {
        byte[][] x = new byte[members.length][];
        r.read(members, 0, members.length, x);
        int[] y = new int[members.length];
        List<String> names = new ArrayList<>(members.length);
        for (int i = 0; i < members.length; i++) {
            y[i] = r.label(members[i]);
            names.add(split + "#" + members[i]);
        }
        return new FeatureSet(classNames, x, y, names, r.height(), r.width(), r.channels(), INPUT_QUANT);
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
