package io.pqkmcu.trainer.train;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.model.tflite.TfliteFloatGraph;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.pqk.BatchNormReestimation;
import io.pqkmcu.trainer.pqk.Calibration;
import io.pqkmcu.trainer.pqk.Checkpoint;
import io.pqkmcu.trainer.pqk.Evaluator;
import io.pqkmcu.trainer.pqk.Int8Exporter;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.PqkTrainer;
import io.pqkmcu.trainer.tensor.Parallel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One training run end to end: build the preset, train with PQK (or any variant the configuration
 * describes), calibrate the activation ranges when the run had no QAT, export the int8 student, and
 * measure it on the test split in float and in the int8 interpreter.
 */
public final class TrainingJob {
    private TrainingJob() {}

    /**
     * @param checkpoint where to keep the training checkpoint (null: none)
     * @param resume     continue from {@code checkpoint} if it exists
     */
    public static TrainingResult run(TrainingData data, String architecture, String modelName, PqkConfig config,
                                     Path checkpoint, boolean resume, PrintStream log) {
        return run(data, architecture, modelName, config, checkpoint, resume, null, log);
    }

    /**
     * @param init a .tflite model to start from instead of random weights ({@code pqk train --init}); null
     *             for none
     */
    public static TrainingResult run(TrainingData data, String architecture, String modelName, PqkConfig config,
                                     Path checkpoint, boolean resume, Init init, PrintStream log) {
        Network net = Architectures.build(architecture, data.train().height(), data.train().width(),
                data.train().channels(), data.labels().size(), config.seed);
        SortedMap<String, String> initMeta = new TreeMap<>();
        if (init != null) {
            initialise(net, init, data, config, log);
            initMeta.put("train.init", init.path().getFileName().toString());
            initMeta.put("train.init_sha256", sha256(init.path()));
        }
        PqkTrainer trainer = trainer(net, data, architecture, config, checkpoint, resume, log);
        long t0 = System.nanoTime();
        trainer.train();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!config.quantize) {
            Calibration.calibrate(net, data.train(), config.calibrationBatches, config.batchSize, config.seed);
            log.printf(Locale.ROOT, "calibrated activation ranges on %d training batches (no QAT)%n",
                    config.calibrationBatches);
        }
        FeatureSet test = data.test();
        // without a test split (a dataset with no testing_list.txt) there is no test accuracy: NaN, shown as n/a
        double student = test.size() == 0 ? Double.NaN : Evaluator.evaluate(net, test, trainer.studentBranch(2)).accuracy();
        double teacher = config.phase2Mode == PqkConfig.Phase2Mode.DISTILL && test.size() > 0
                ? Evaluator.evaluate(net, test, trainer.teacherBranch()).accuracy() : Double.NaN;
        SortedMap<String, String> meta = new TreeMap<>();
        meta.put("train.config", config.fingerprint());
        meta.put("train.data", data.name());
        meta.put("train.float_test_accuracy", fmt(student));
        meta.put("train.teacher_test_accuracy", fmt(teacher));
        meta.put("train.test_examples", Integer.toString(test.size()));
        meta.putAll(initMeta);
        Int8Model model = Int8Exporter.export(net, data.train().inputQuant(), data.labels(), data.frontEnd(), modelName,
                meta);
        return new TrainingResult(model, test, student, teacher, int8Accuracy(model, test),
                int8Accuracy(model, data.validation()), trainer.history(), seconds);
    }

    /**
     * Phase 1 alone, up to its last step, leaving its end state in {@code checkpoint}: the start of every run that
     * shares its phase-1 settings ({@link PqkConfig#phase1Fingerprint()}); each continues from a copy with
     * {@link #run}. {@code pqk ablate} trains the phase 1 of pruning + QAT and PQK this way, once.
     *
     * @param resume continue from {@code checkpoint} if it exists (a phase-1 checkpoint of the same phase-1 settings)
     * @return the wall time of training, in seconds
     */
    public static double phase1(TrainingData data, String architecture, PqkConfig config, Path checkpoint,
                                boolean resume, PrintStream log) {
        Network net = Architectures.build(architecture, data.train().height(), data.train().width(),
                data.train().channels(), data.labels().size(), config.seed);
        PqkTrainer trainer = trainer(net, data, architecture, config, checkpoint, resume, log);
        long t0 = System.nanoTime();
        trainer.trainUntil(config.phase1Steps);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The trainer of a run, restored from {@code checkpoint} when resuming and it exists. */
    private static PqkTrainer trainer(Network net, TrainingData data, String architecture, PqkConfig config,
                                      Path checkpoint, boolean resume, PrintStream log) {
        log.printf(Locale.ROOT, "%s: %d weights (convolution and fully connected kernels; biases not counted), %d threads, %d + %d steps of batch %d, target sparsity %.0f%%%n",
                architecture, net.weightCount(), Parallel.threads(), config.phase1Steps,
                config.phase2Mode == PqkConfig.Phase2Mode.NONE ? 0 : config.phase2Steps, config.batchSize,
                100 * config.targetSparsity);
        PqkTrainer trainer = new PqkTrainer(net, config, data.train(), data.validation(), checkpoint);
        trainer.setDataSettings(data.settings());
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            trainer.resume(Checkpoint.read(checkpoint));
            log.println("resumed from " + checkpoint + " at step " + trainer.step());
        }
        return trainer;
    }

    /**
     * Where training starts from: a .tflite model, and whether its classifier is replaced by a random one
     * (a new task with as many classes as the old one).
     */
    public record Init(Path path, boolean newHead, List<String> labels) {
        public Init(Path path, boolean newHead) {
            this(path, newHead, null);
        }
    }

    private static void initialise(Network net, Init init, TrainingData data, PqkConfig config, PrintStream log) {
        TfliteFloatGraph model = TfliteFloatGraph.read(init.path());
        PretrainedInit.Result r;
        try {
            r = PretrainedInit.load(model, net, init.newHead(), init.labels(), data.labels());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--init " + init.path() + ": " + e.getMessage(), e);
        }
        int seen = BatchNormReestimation.run(net, data.train(), config.calibrationBatches, config.batchSize, config.seed);
        String head = !r.fresh().isEmpty() ? ", " + String.join(", ", r.fresh()) + " starts from random weights (new classifier)"
                : init.labels() == null ? ""
                : ", classifier rows matched to the data's classes by name" + (r.newClasses().isEmpty() ? ""
                : " (random rows for " + String.join(", ", r.newClasses()) + ")");
        log.printf(Locale.ROOT, "initialised from %s: %d layers loaded%s; activation ranges %s; BatchNorm statistics "
                        + "re-estimated on %d training examples%n", init.path(), r.loaded().size(), head,
                r.ranges().isEmpty() ? "observed in training (the model has float activations)"
                        : "from the model's int8 quantization for " + r.ranges().size() + " layers", seen);
        if (data.validation().size() > 0) {
            log.printf(Locale.ROOT, "validation accuracy before training (float): %.2f%%%n",
                    100 * Evaluator.evaluate(net, data.validation(), Branch.FLOAT).accuracy());
        }
    }

    /** Accuracy of the int8 model on a feature set, in the Java int8 interpreter; NaN for an empty set. */
    public static double int8Accuracy(Int8Model model, FeatureSet set) {
        Int8Interpreter interp = new Int8Interpreter(model);
        int[] hits = new int[set.size()];
        Parallel.forChunks(set.size(), 64, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                hits[i] = Int8Interpreter.argmax(interp.run(set.inputs()[i])) == set.labels()[i] ? 1 : 0;
            }
        });
        int correct = 0;
        for (int h : hits) {
            correct += h;
        }
        return set.size() == 0 ? Double.NaN : (double) correct / set.size();
    }

    /** The model's provenance in the .pqkm metadata: which file the weights started from. */
    private static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
