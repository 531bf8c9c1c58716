package io.pqkmcu.cli;

import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.images.FashionMnist;
import io.pqkmcu.trainer.images.ImageData;
import io.pqkmcu.trainer.kws.KwsData;
import io.pqkmcu.trainer.train.TrainingData;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Which data to train on (a picocli mixin of {@code pqk train} and {@code pqk ablate}). */
final class DataOptions {
    @Option(names = "--dataset", description = "speech-commands (Speech Commands v1/v2 layout, real or synthetic), "
            + "cifar10 (binary batches) or fashion-mnist (IDX) (default: ${DEFAULT-VALUE})")
    String dataset = "speech-commands";

    @Option(names = "--data", description = "dataset folder (required for speech-commands and cifar10; fashion-mnist "
            + "defaults to " + "/usr/share/datasets/fashion-mnist, Debian's dataset-fashion-mnist)")
    Path data;

    @Option(names = "--task", description = "keyword-spotting task: 12 (10 keywords + _silence_ + _unknown_), 35 (the "
            + "35 words of v2) or all (every word folder: 30 classes for v1) (default: ${DEFAULT-VALUE})")
    String task = "12";

    @picocli.CommandLine.Mixin
    AugmentOptions augmentOptions = new AugmentOptions();

    boolean images() {
        return !kind().equals("speech-commands");
    }

    private String kind() {
        String k = dataset.toLowerCase(Locale.ROOT);
        if (!List.of("speech-commands", "cifar10", "fashion-mnist").contains(k)) {
            throw new IllegalArgumentException("unknown dataset '" + dataset + "'; choose speech-commands, cifar10 or "
                    + "fashion-mnist");
        }
        return k;
    }

    Path root() {
        if (data != null) {
            return data;
        }
        if (kind().equals("fashion-mnist")) {
            return FashionMnist.DEFAULT_ROOT;
        }
        throw new IllegalArgumentException("--data is required for " + kind() + " (the dataset folder)");
    }

    KwsTask kwsTask() {
        switch (task.toLowerCase(Locale.ROOT)) {
            case "12":
                return KwsTask.defaults();
            case "35":
                return KwsTask.words35();
            case "all":
                return KwsTask.allWords(SpeechCommands.words(root()));
            default:
                throw new IllegalArgumentException("unknown task '" + task + "'; choose 12, 35 or all");
        }
    }

    TrainingData load(TrainOptions training, PrintStream log) {
        String k = kind();
        if (k.equals("speech-commands")) {
            return KwsData.load(root(), kwsTask(), training.frontEnd(), augmentOptions.augmentation(), training.config.seed, log);
        }
        if (augmentOptions.augment) {
            throw new IllegalArgumentException("--augment applies to keyword spotting; images are used as they are");
        }
        return ImageData.load(k.equals("cifar10") ? ImageData.Dataset.CIFAR10 : ImageData.Dataset.FASHION_MNIST, root(),
                log);
    }
}
