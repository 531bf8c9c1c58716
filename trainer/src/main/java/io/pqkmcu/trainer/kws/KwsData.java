package io.pqkmcu.trainer.kws;

import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.data.KwsAugmentation;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.train.TrainingData;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A Speech Commands style dataset as training data: the input quantization calibrated on the training
 * clips, validation and test features computed once with the integer front end, and the training split
 * either computed once too or, with augmentation, streamed and augmented per epoch.
 */
public final class KwsData {
    private KwsData() {}

    /**
     * @param augmentation MLPerf-style on-the-fly augmentation, or null for fixed training features
     * @param seed         seeds the augmentation
     */
    public static TrainingData load(Path root, KwsTask task, FrontEndConfig frontEndConfig, KwsAugmentation augmentation,
                                    long seed, PrintStream log) {
        KwsDataset dataset = SpeechCommands.load(root, task);
        log.print(dataset.summary());
        AudioFrontEnd frontEnd = new AudioFrontEnd(frontEndConfig);
        ActQuant inputQuant = KwsFeatures.calibrate(dataset.train(), frontEnd);
        log.printf(Locale.ROOT, "input quantization: scale %.5f, zero point %d (raw Q10 range %.2f..%.2f)%n",
                inputQuant.scale(), inputQuant.zeroPoint(), inputQuant.realMin(), inputQuant.realMax());
        TrainingSource train;
        if (augmentation == null) {
            train = KwsFeatures.extract(dataset.train(), dataset.labels(), frontEnd, inputQuant, "features");
        } else {
            train = new AugmentedKwsSource(dataset, frontEnd, inputQuant, augmentation, seed);
            log.printf(Locale.ROOT, "augmentation: time shift ±%.0f ms, background noise p=%.2f volume ≤ %.2f, "
                            + "silence volume ≤ %.2f, unknown %s per epoch (%d clips in the pool)%n",
                    augmentation.timeShiftMs(), augmentation.backgroundProbability(), augmentation.backgroundVolume(),
                    augmentation.silenceVolume(), augmentation.resampleUnknown() ? "resampled" : "fixed",
                    dataset.unknownPool(io.pqkmcu.model.data.Split.TRAIN).size());
            if (augmentation.gainDb() > 0 || augmentation.timeMasks() > 0 || augmentation.freqMasks() > 0) {
                log.printf(Locale.ROOT, "augmentation: gain ±%.1f dB, %d time masks ≤ %d frames, %d frequency masks ≤ %d "
                                + "coefficients%n", augmentation.gainDb(), augmentation.timeMasks(),
                        augmentation.timeMaskFrames(), augmentation.freqMasks(), augmentation.freqMaskBins());
            }
            if (augmentation.speed() > 0 || augmentation.eqDb() > 0) {
                log.printf(Locale.ROOT, "augmentation: speed perturbation ±%.1f %%, random equalisation ±%.1f dB%n",
                        100 * augmentation.speed(), augmentation.eqDb());
            }
        }
        FeatureSet validation = KwsFeatures.extract(dataset.validation(), dataset.labels(), frontEnd, inputQuant, "features");
        FeatureSet test = KwsFeatures.extract(dataset.test(), dataset.labels(), frontEnd, inputQuant, "features");
        String name = root.toAbsolutePath().normalize().getFileName().toString();
        return new TrainingData(name, train, validation, test, frontEndConfig);
    }
}
