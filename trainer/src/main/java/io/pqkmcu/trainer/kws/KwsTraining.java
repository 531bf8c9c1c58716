package io.pqkmcu.trainer.kws;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.train.TrainingData;
import io.pqkmcu.trainer.train.TrainingJob;
import io.pqkmcu.trainer.train.TrainingResult;

import java.io.PrintStream;
import java.nio.file.Path;

/** Keyword spotting end to end in Java: dataset → front end → PQK training → int8 model (fixed features). */
public final class KwsTraining {
    private KwsTraining() {}

    /**
     * @param data        a Speech Commands style folder (real or synthetic)
     * @param checkpoint  where to keep the training checkpoint (null: none)
     * @param resume      continue from {@code checkpoint} if it exists
     */
    public static KwsTrainingResult run(Path data, KwsTask task, FrontEndConfig frontEndConfig, String architecture,
                                        String modelName, PqkConfig config, Path checkpoint, boolean resume,
                                        PrintStream log) {
        return run(data, task, frontEndConfig, null, architecture, modelName, config, checkpoint, resume, log);
    }

    /** As above, with on-the-fly augmentation of the training split (null: fixed training features). */
    public static KwsTrainingResult run(Path data, KwsTask task, FrontEndConfig frontEndConfig,
                                        io.pqkmcu.trainer.data.KwsAugmentation augmentation, String architecture,
                                        String modelName, PqkConfig config, Path checkpoint, boolean resume,
                                        PrintStream log) {
        TrainingData d = KwsData.load(data, task, frontEndConfig, augmentation, config.seed, log);
        TrainingResult r = TrainingJob.run(d, architecture, modelName, config, checkpoint, resume, log);
        return new KwsTrainingResult(r.model(), r.test(), r.test().names(), r.studentTestAccuracy(),
                r.teacherTestAccuracy(), r.int8TestAccuracy(), r.history());
    }

    /** Accuracy of the int8 model on a feature set, in the Java int8 interpreter. */
    public static double int8Accuracy(Int8Model model, FeatureSet set) {
        return TrainingJob.int8Accuracy(model, set);
    }
}
