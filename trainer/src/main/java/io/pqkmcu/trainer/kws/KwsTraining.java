package io.pqkmcu.trainer.kws;

import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.frontend.AudioFrontEnd;
import io.pqkmcu.trainer.frontend.FrontEndConfig;
import io.pqkmcu.trainer.interp.Int8Interpreter;
import io.pqkmcu.trainer.model.Int8Model;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.pqk.Checkpoint;
import io.pqkmcu.trainer.pqk.Evaluator;
import io.pqkmcu.trainer.pqk.Int8Exporter;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.PqkTrainer;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Parallel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;

/** Keyword spotting end to end in Java: dataset → front end → PQK training → int8 model. */
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
        KwsDataset dataset = SpeechCommands.load(data, task);
        log.print(dataset.summary());
        AudioFrontEnd frontEnd = new AudioFrontEnd(frontEndConfig);
        ActQuant inputQuant = KwsFeatures.calibrate(dataset.train(), frontEnd);
        log.printf(Locale.ROOT, "input quantization: scale %.5f, zero point %d (raw Q10 range %.2f..%.2f)%n",
                inputQuant.scale(), inputQuant.zeroPoint(), inputQuant.realMin(), inputQuant.realMax());
        FeatureSet train = KwsFeatures.extract(dataset.train(), dataset.labels(), frontEnd, inputQuant, "features");
        FeatureSet validation = KwsFeatures.extract(dataset.validation(), dataset.labels(), frontEnd, inputQuant, "features");
        FeatureSet test = KwsFeatures.extract(dataset.test(), dataset.labels(), frontEnd, inputQuant, "features");
        if (validation.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException(data + ": the validation and test splits must not be empty");
        }

        Network net = Architectures.build(architecture, frontEndConfig.frames(), frontEndConfig.featuresPerFrame(),
                dataset.labels().size(), config.seed);
        log.printf(Locale.ROOT, "%s: %d weights, %d threads, %d + %d steps of batch %d, target sparsity %.0f%%%n",
                architecture, net.weightCount(), Parallel.threads(), config.phase1Steps,
                config.phase2Mode == PqkConfig.Phase2Mode.NONE ? 0 : config.phase2Steps, config.batchSize,
                100 * config.targetSparsity);
        PqkTrainer trainer = new PqkTrainer(net, config, train, validation, checkpoint);
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            trainer.resume(Checkpoint.read(checkpoint));
            log.println("resumed from " + checkpoint + " at step " + trainer.step());
        }
        trainer.train();

        double student = Evaluator.evaluate(net, test, trainer.studentBranch(2)).accuracy();
        double teacher = config.phase2Mode == PqkConfig.Phase2Mode.DISTILL
                ? Evaluator.evaluate(net, test, trainer.teacherBranch()).accuracy() : Double.NaN;
        TreeMap<String, String> meta = new TreeMap<>();
        meta.put("train.config", config.fingerprint());
        meta.put("train.data", data.toAbsolutePath().normalize().getFileName().toString());
        meta.put("train.float_test_accuracy", fmt(student));
        meta.put("train.teacher_test_accuracy", fmt(teacher));
        meta.put("train.test_examples", Integer.toString(test.size()));
        Int8Model model = Int8Exporter.export(net, inputQuant, dataset.labels(), frontEndConfig, modelName, meta);
        double int8 = int8Accuracy(model, test);
        return new KwsTrainingResult(model, test, test.names(), student, teacher, int8, trainer.history());
    }

    /** Accuracy of the int8 model on a feature set, in the Java int8 interpreter. */
    public static double int8Accuracy(Int8Model model, FeatureSet set) {
        int[] correct = new int[1];
        Int8Interpreter interp = new Int8Interpreter(model);
        int[] hits = new int[set.size()];
        Parallel.forChunks(set.size(), 64, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                hits[i] = Int8Interpreter.argmax(interp.run(set.inputs()[i])) == set.labels()[i] ? 1 : 0;
            }
        });
        for (int h : hits) {
            correct[0] += h;
        }
        return set.size() == 0 ? 0 : (double) correct[0] / set.size();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
