package io.pqkmcu.cli;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.images.ImageData;
import io.pqkmcu.trainer.kws.KwsFeatures;
import io.pqkmcu.trainer.quant.ActQuant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pqk eval}: int8 accuracy of a model on a dataset split, with a confusion matrix. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate an int8 .pqkm model on a dataset split with the Java int8 interpreter (the reference "
                + "the firmware matches bit for bit).")
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = ".pqkm model file")
    Path modelPath;

    @Option(names = "--dataset", description = "speech-commands, cifar10 or fashion-mnist (default: ${DEFAULT-VALUE})")
    String dataset = "speech-commands";

    @Option(names = "--data", description = "dataset folder (fashion-mnist defaults to /usr/share/datasets/fashion-mnist)")
    Path data;

    @Option(names = "--split", description = "TRAIN, VALIDATION or TEST (default: ${DEFAULT-VALUE})")
    Split split = Split.TEST;

    @Option(names = "--per-clip", paramLabel = "FILE.csv", description = "write one CSV row per clip (or image): path, "
            + "label, prediction and the int8 logits")
    Path perClip;

    @Override
    public Integer call() {
        Int8Model model = ModelFile.read(modelPath);
        requireClassifier(modelPath, model);
        DataOptions options = new DataOptions();
        options.dataset = dataset;
        options.data = data;
        FeatureSet set;
        List<String> names;
        if (options.images()) {
            if (model.frontEnd() != null) {
                throw new IllegalArgumentException(modelPath + " is a keyword-spotting model (it has an audio front end); "
                        + "evaluate it on --dataset speech-commands");
            }
            set = ImageData.split(dataset.equalsIgnoreCase("cifar10") ? ImageData.Dataset.CIFAR10
                    : ImageData.Dataset.FASHION_MNIST, options.root(), split);
            if (!set.classNames().equals(model.labels())) {
                throw new IllegalArgumentException("the model's labels " + model.labels() + " differ from the dataset's "
                        + set.classNames());
            }
            if (set.height() != model.input().height() || set.width() != model.input().width()
                    || set.channels() != model.input().channels()) {
                throw new IllegalArgumentException("the model expects " + model.input().shapeString() + " inputs, the "
                        + "images are " + set.height() + "x" + set.width() + "x" + set.channels());
            }
            names = new java.util.ArrayList<>(set.size());
            for (int i = 0; i < set.size(); i++) {
                names.add(split.label() + "/" + i);
            }
        } else {
            if (model.frontEnd() == null) {
                throw new IllegalArgumentException(modelPath + " takes no audio input (it has no front end); evaluate it on "
                        + "its image dataset with --dataset cifar10 or fashion-mnist");
            }
            KwsTask task = taskOf(model);
            List<String> missing = SpeechCommands.missingKeywords(options.root(), task);
            KwsDataset d = SpeechCommands.loadPresent(options.root(), task);
            d.notes().forEach(n -> System.err.println("note: " + n));
            if (!missing.isEmpty()) {
                System.out.println(options.root() + " has no folder for " + String.join(", ", missing)
                        + ": evaluating the other " + (model.labels().size() - missing.size()) + " classes");
            }
            List<io.pqkmcu.trainer.data.KwsEntry> entries = d.split(split);
            requireNonEmpty(entries.size());
            ActQuant q = new ActQuant(model.input().scale(), model.input().zeroPoint());
            set = KwsFeatures.extract(entries, d.labels(), new AudioFrontEnd(model.frontEnd()), q, "features");
            names = entries.stream().map(io.pqkmcu.trainer.data.KwsEntry::path).toList();
        }
        requireNonEmpty(set.size());
        int[][] confusion = new int[model.labels().size()][model.labels().size()];
        StringBuilder csv = new StringBuilder("path,label,prediction");
        for (String l : model.labels()) {
            csv.append(",logit_").append(l);
        }
        csv.append('\n');
        Int8Interpreter interp = new Int8Interpreter(model);
        for (int i = 0; i < set.size(); i++) {
            byte[] logits = interp.run(set.inputs()[i]);
            int predicted = Int8Interpreter.argmax(logits);
            confusion[set.labels()[i]][predicted]++;
            csv.append(csvField(names.get(i))).append(',').append(model.labels().get(set.labels()[i])).append(',')
                    .append(model.labels().get(predicted));
            for (byte b : logits) {
                csv.append(',').append(b);
            }
            csv.append('\n');
        }
        printConfusion(model.labels(), confusion);
        if (perClip != null) {
            io.pqkmcu.model.util.AtomicFiles.writeString(perClip, csv.toString());
            System.out.println("wrote " + set.size() + " rows to " + perClip);
        }
        return 0;
    }

    /** Refuses a model with fewer than two classes: its every answer is the same class, so accuracy means nothing. */
    static void requireClassifier(Path path, Int8Model model) {
        if (model.labels().size() < 2) {
            throw new IllegalArgumentException(path + ": the model has " + model.labels().size() + " class"
                    + (model.labels().isEmpty() ? "es" : " (" + model.labels().get(0) + ")") + "; a classifier needs at "
                    + "least two, or it answers the same class for every input. Train it on at least two classes");
        }
    }

    /** The task a keyword-spotting model was trained on, read at its front end's sample rate and clip length. */
    static KwsTask taskOf(Int8Model model) {
        KwsTask t = taskOf(model.labels());
        FrontEndConfig fe = model.frontEnd();
        return new KwsTask(t.keywords(), t.unknownPercentage(), t.silencePercentage(), t.seed(), fe.sampleRate(),
                fe.clipSamples(), t.silenceMaxVolume(), t.silenceZeroProbability(), t.checkFiles(), t.auxiliaryClasses());
    }

    /** An empty split is an error, not 0 % of nothing. */
    private void requireNonEmpty(int n) {
        if (n == 0) {
            throw new IllegalArgumentException((data != null ? data + ": the " : "the ") + split.label()
                    + " split is empty; nothing to evaluate (choose another --split or check the list files)");
        }
    }

    /** Quotes a CSV field that holds a comma, quote or line break (RFC 4180). */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The keyword-spotting task a model was trained on, from its labels. */
    static KwsTask taskOf(List<String> labels) {
        if (labels.size() > 2 && labels.get(0).equals(KwsTask.SILENCE) && labels.get(1).equals(KwsTask.UNKNOWN)) {
            return KwsTask.defaults().withKeywords(labels.subList(2, labels.size()));
        }
        return KwsTask.allWords(labels);
    }

    static void printConfusion(List<String> labels, int[][] m) {
        int correct = 0;
        int total = 0;
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s", "true\\pred"));
        for (String l : labels) {
            head.append(String.format(Locale.ROOT, " %5.5s", l));
        }
        System.out.println(head.append("   recall"));
        for (int i = 0; i < m.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s", labels.get(i)));
            int rowTotal = 0;
            for (int j = 0; j < m.length; j++) {
                row.append(String.format(Locale.ROOT, " %5d", m[i][j]));
                rowTotal += m[i][j];
            }
            correct += m[i][i];
            total += rowTotal;
            // a class with no examples here has no recall (not 0 %)
            System.out.println(row.append(rowTotal == 0 ? "        -" : String.format(Locale.ROOT, "  %6.1f%%",
                    100.0 * m[i][i] / rowTotal)));
        }
        System.out.printf(Locale.ROOT, "int8 accuracy: %.2f%% (%d/%d)%n", total == 0 ? 0 : 100.0 * correct / total, correct, total);
    }
}
