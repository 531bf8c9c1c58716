package io.pqkmcu.cli;

import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.model.util.ShellQuote;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.tensor.Parallel;
import io.pqkmcu.trainer.train.Ablation;
import io.pqkmcu.trainer.train.AblationReport;
import io.pqkmcu.trainer.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code pqk ablate}: dense float, dense QAT, pruning only, pruning + QAT and PQK with the same budget and
 * seeds, on the same data; writes ablation.md, ablation.csv and ablation.svg.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare PQK with its ablations — dense float, dense QAT, pruning only, pruning + QAT (phase 1 + "
                + "the same number of fine-tuning steps without distillation; its phase 1 is trained once and shared with "
                + "PQK) — with the same schedule and seeds. Int8 "
                + "accuracies come from the int8 interpreter (runs without QAT are calibrated after training), on the "
                + "test and the validation split; PQK − (pruning + QAT) is reported paired by seed with a 95 %% "
                + "confidence interval. Writes ablation.md, ablation.csv and ablation.svg to --out.")
final class AblateCommand implements Callable<Integer> {
    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", description = "folder for the tables, the plot and each run's model (default: ${DEFAULT-VALUE})")
    Path out = Path.of("ablation");

    @Option(names = "--variants", split = ",", description = "which variants: dense-float, dense-qat, prune, prune-qat, pqk "
            + "(default: all)")
    List<String> variants = new ArrayList<>(List.of("dense-float", "dense-qat", "prune", "prune-qat", "pqk"));

    @Option(names = "--seeds", split = ",", description = "seeds; each variant runs once per seed (default: ${DEFAULT-VALUE})")
    List<Long> seeds = new ArrayList<>(List.of(1L));

    @Option(names = "--resume", description = "keep the runs a previous invocation finished (and continue an "
            + "interrupted one from its checkpoint)")
    boolean resume;

    @Mixin
    TrainOptions training = ablationTraining();

    @Spec
    CommandSpec spec;

    static TrainOptions ablationTraining() {
        return new TrainOptions(new PqkConfig(), List.of(0.8, 0.9));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (training.threads != null) {
            Parallel.setThreads(training.threads);
        }
        List<Ablation.Variant> vs = new ArrayList<>();
        for (String v : variants) {
            vs.add(Ablation.Variant.byId(v.trim()));
        }
        List<Ablation.Run> runs = Ablation.plan(vs, training.sparsity, seeds);
        var base = training.toConfig(training.sparsity.get(0)); // checks every option before any data is read
        Files.createDirectories(out);
        TrainingData data = dataOptions.load(training, System.out);
        if (data.test().size() == 0) {
            throw new IllegalArgumentException(dataOptions.root() + " has no test split, and the ablation compares test "
                    + "accuracies; add a testing_list.txt");
        }
        System.out.printf(Locale.ROOT, "ablation: %d runs of %s, %d + %d steps of batch %d each%n", runs.size(),
                training.architecture, base.phase1Steps, base.phase2Steps, base.batchSize);
        List<Ablation.Outcome> outcomes = Ablation.run(data, training.architecture, base, runs, out, resume, System.out);
        String setup = String.format(Locale.ROOT, "%s on %s (%d test examples), %d + %d steps of batch %d, seeds %s; "
                        + "int8 accuracy from the int8 interpreter; choose hyperparameters on the validation columns only.", training.architecture, data.name(), data.test().size(),
                base.phase1Steps, base.phase2Steps, base.batchSize, seeds);
        String command = "pqk " + spec.commandLine().getParseResult().originalArgs().stream().map(ShellQuote::quote)
                .collect(Collectors.joining(" "));
        long wall = Math.round((System.nanoTime() - started) / 1e9);
        // with --resume, runs finished earlier cost nothing now: their own train times are in the table
        setup += String.format(Locale.ROOT, "%n%nCommand: `%s`; this invocation took %d min %02d s of wall time.", command,
                wall / 60, wall % 60);
        String md = AblationReport.markdown(outcomes, setup);
        AtomicFiles.writeString(out.resolve("ablation.md"), md);
        AtomicFiles.writeString(out.resolve("ablation.csv"), AblationReport.csv(outcomes));
        AtomicFiles.writeString(out.resolve("ablation.svg"), AblationReport.svg(outcomes,
                "PQK ablation: " + training.architecture + " on " + data.name()));
        System.out.println();
        System.out.print(md);
        System.out.println("wrote " + out.resolve("ablation.md") + ", ablation.csv and ablation.svg");
        return 0;
    }
}
