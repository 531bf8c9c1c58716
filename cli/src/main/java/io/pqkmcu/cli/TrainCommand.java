package io.pqkmcu.cli;

import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.tflite.TfliteFloatGraph;
import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.model.util.OutputLock;
import io.pqkmcu.trainer.pqk.HistoryPoint;
import io.pqkmcu.trainer.tensor.Parallel;
import io.pqkmcu.trainer.train.TrainingCurves;
import io.pqkmcu.trainer.train.TrainingData;
import io.pqkmcu.trainer.train.TrainingJob;
import io.pqkmcu.trainer.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pqk train}: PQK-train a keyword-spotting (or image) model and export it as an int8 .pqkm file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network with PQK (phase 1: gradual pruning + int8 QAT; phase 2: distillation from the "
                + "same network with all weights) and write the int8 student as a .pqkm model.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", description = "model file to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of("model.pqkm");

    @Option(names = "--name", description = "model name used in generated code (default: file name)")
    String name;

    @Option(names = "--resume", description = "continue from the checkpoint beside --out if there is one")
    boolean resume;

    @Option(names = "--init", paramLabel = "MODEL.tflite", description = "start from the weights of a float, hybrid "
            + "or int8 .tflite model of the --arch architecture (BatchNorm folded, as TFLite stores it) instead of "
            + "random weights; a model of another architecture is refused with the first difference")
    Path init;

    @Option(names = "--init-labels", split = ",", paramLabel = "CLASS", description = "with --init: the model's "
            + "output classes in order (e.g. down,go,left,no,off,on,right,stop,up,yes,silence,unknown for the MLPerf "
            + "KWS models); its classifier rows are reordered to the data's classes by name")
    List<String> initLabels;

    @Option(names = "--new-head", description = "with --init: start the classifier from random weights (a new task "
            + "with as many classes; with another number of classes this happens anyway)")
    boolean newHead;

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() {
        if (options.threads != null) {
            Parallel.setThreads(options.threads);
        }
        requireFileTarget(out, "--out");
        if ((newHead || initLabels != null) && init == null) {
            throw new IllegalArgumentException((newHead ? "--new-head replaces" : "--init-labels names")
                    + " the classifier of an --init model; give --init");
        }
        if (newHead && initLabels != null) {
            throw new IllegalArgumentException("--new-head starts a random classifier; --init-labels keeps the model's: "
                    + "give one of them");
        }
        if (init != null) {
            TfliteFloatGraph.read(init); // a missing, corrupt or unsupported model fails before the data loads
        }
        // one run per output: the model, its checkpoint and history are this run's alone until it ends
        try (OutputLock modelLock = OutputLock.acquire(out, "the model");
             OutputLock checkpointLock = OutputLock.acquire(checkpointFor(out), "the checkpoint")) {
            for (Path p : List.of(out, checkpointFor(out), historyFor(out), curveFor(out))) {
                AtomicFiles.removeStaleTemporaries(p); // left by a killed run; no live writer owns them now
            }
            String modelName = name != null ? name : stem(out);
            var config = options.toConfig();
            TrainingData data = dataOptions.load(options, System.out);
            TrainingResult r = TrainingJob.run(data, options.architecture, modelName, config, checkpointFor(out), resume,
                    init == null ? null : new TrainingJob.Init(init, newHead, initLabels), System.out);
            ModelFile.write(r.model(), out);
            writeHistory(out, options.architecture, r.history());
            System.out.printf(Locale.ROOT, "test accuracy: float (%s student) %s, teacher %s, int8 %s%n",
                    config.quantize ? "fake-quant" : "float", percent(r.studentTestAccuracy()),
                    percent(r.teacherTestAccuracy()), percent(r.int8TestAccuracy()));
            System.out.println("wrote " + out + " (" + r.model().parameterCount() + " parameters: kernel weights and biases, sparsity "
                    + String.format(Locale.ROOT, "%.4f", r.model().prunedFraction()) + "), " + historyFor(out) + " and " + curveFor(out).getFileName());
        }
        return 0;
    }

    /**
     * Refuses an output path that exists and is not a regular file (a directory, /dev/null, a FIFO): the atomic
     * write would replace it with the model, which as root means replacing a device node.
     */
    static void requireFileTarget(Path path, String option) {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + " " + path + " exists and is not a regular file ("
                    + (Files.isDirectory(path) ? "a directory" : "a device or other special file")
                    + "); give the path of the .pqkm file to write");
        }
    }

    /** A percentage, or n/a for NaN (no teacher, or no test split). */
    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String stem(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    static Path checkpointFor(Path model) {
        return model.resolveSibling(stem(model) + ".ckpt");
    }

    static Path historyFor(Path model) {
        return model.resolveSibling(stem(model) + ".history.csv");
    }

    static Path curveFor(Path model) {
        return model.resolveSibling(stem(model) + ".history.svg");
    }

    /** The run's curves as {@code <stem>.history.csv} and {@code .history.svg} beside the model. */
    static void writeHistory(Path model, String architecture, List<HistoryPoint> history) {
        TrainingCurves.write(historyFor(model), history, stem(model) + " (" + architecture + "): training curves");
    }
}
