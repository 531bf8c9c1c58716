package io.pqkmcu.trainer.train;

import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.features.TrainingSource;

import java.util.List;

/**
 * Everything a training run needs from a dataset: the training examples (fixed or augmented on the fly),
 * the validation split (curves, no augmentation) and the test split (final accuracies), all int8 with
 * one input quantization. Validation and test may be empty (a Speech Commands tree without split lists):
 * the run then reports no validation or test accuracy.
 *
 * @param name      the dataset's name for model metadata and reports (a folder name, "cifar10", …)
 * @param frontEnd  the audio front end that produced the features; null for images
 */
public record TrainingData(String name, TrainingSource train, FeatureSet validation, FeatureSet test,
                           FrontEndConfig frontEnd) {
    public TrainingData {
        if (train.classNames().size() < 2) {
            throw new IllegalArgumentException(name + ": only " + train.classNames().size() + " class ("
                    + String.join(", ", train.classNames()) + "); a classifier needs at least two, or it answers the "
                    + "same class for every input. Add word folders, or use a task with _silence_ and _unknown_");
        }
        if (!validation.classNames().equals(train.classNames()) || !test.classNames().equals(train.classNames())) {
            throw new IllegalArgumentException(name + ": the splits disagree on the classes");
        }
    }

    /**
     * Every setting of the data that shapes what the network sees: dataset, classes, input shape and
     * quantization, number of examples, the front end (MFCC or log-mel and its sizes) and augmentation. A
     * checkpoint records it, and resuming with other data is refused.
     */
    public String settings() {
        return "data=" + name + ";classes=" + labels() + ";input=" + train.height() + "x" + train.width() + "x"
                + train.channels() + ";inputQuant=" + train.inputQuant().scale() + "," + train.inputQuant().zeroPoint()
                + ";examples=" + train.size() + ";frontEnd=" + frontEnd + ";train=" + train.settings();
    }

    public List<String> labels() {
        return train.classNames();
    }
}
