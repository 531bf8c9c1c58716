package io.pqkmcu.trainer.train;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.trainer.pqk.PqkConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code pqk ablate}: what each ingredient of PQK contributes. Five variants train with the same
 * schedule (phase-1 steps + phase-2 steps), learning rates, data and seeds; only pruning, QAT and
 * distillation change:
 * <ul>
 *   <li>dense float — no pruning, no QAT; int8 by post-training calibration;</li>
 *   <li>dense QAT — no pruning, QAT throughout;</li>
 *   <li>pruning only — gradual pruning, no QAT, then plain fine-tuning; post-training calibration;</li>
 *   <li>pruning + QAT — PQK's phase 1, then the same number of fine-tuning steps without distillation;</li>
 *   <li>PQK — phase 1, then phase 2 with the teacher made of all weights.</li>
 * </ul>
 * The dense variants run once per seed; the others once per sparsity and seed. Runs that agree on every
 * phase-1 setting — pruning + QAT and PQK of one sparsity and seed — train that phase 1 once and each continue
 * from a copy of its end state ({@link SharedPhase1}). Accuracies are on the test split, plus the int8 accuracy
 * on the validation split, the only one to choose hyperparameters on; int8 accuracies come from the int8
 * interpreter. Each finished run leaves its model and a result file, so an interrupted ablation resumes where it
 * stopped.
 */
public final class Ablation {
    private Ablation() {}

    public enum Variant {
        DENSE_FLOAT("dense-float", "dense float", false, false, PqkConfig.Phase2Mode.FINETUNE),
        DENSE_QAT("dense-qat", "dense QAT", false, true, PqkConfig.Phase2Mode.FINETUNE),
        PRUNE("prune", "pruning only", true, false, PqkConfig.Phase2Mode.FINETUNE),
        PRUNE_QAT("prune-qat", "pruning + QAT", true, true, PqkConfig.Phase2Mode.FINETUNE),
        PQK("pqk", "PQK", true, true, PqkConfig.Phase2Mode.DISTILL);

        public final String id;
        public final String label;
        public final boolean pruned;
        public final boolean qat;
        public final PqkConfig.Phase2Mode phase2;

        Variant(String id, String label, boolean pruned, boolean qat, PqkConfig.Phase2Mode phase2) {
            this.id = id;
            this.label = label;
            this.pruned = pruned;
            this.qat = qat;
            this.phase2 = phase2;
        }

        public static Variant byId(String id) {
            for (Variant v : values()) {
                if (v.id.equalsIgnoreCase(id)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown ablation variant '" + id + "'; choose from dense-float, dense-qat, "
                    + "prune, prune-qat, pqk");
        }

        /** The base configuration with this variant's pruning, QAT and phase 2. */
        public PqkConfig configure(PqkConfig base, double sparsity, long seed) {
            PqkConfig c = base.copy();
            c.seed = seed;
            c.quantize = qat;
            c.targetSparsity = pruned ? sparsity : 0.0;
            c.initialSparsity = Math.min(c.initialSparsity, c.targetSparsity);
            c.phase2Mode = phase2;
            return c.validate();
        }
    }

    /** One training run of the ablation. */
    public record Run(Variant variant, double sparsity, long seed) {
        public String id() {
            return variant.id + "-" + point();
        }

        /** Sparsity and seed, as in the id: "s90-seed1", or "seed1" for a dense variant. */
        String point() {
            return (variant.pruned ? String.format(Locale.ROOT, "s%02d-", Math.round(sparsity * 100)) : "") + "seed" + seed;
        }

        /** The name of its int8 model. */
        String modelName(String architecture) {
            return architecture.replace('-', '_') + "_" + id().replace('-', '_');
        }
    }

    /**
     * @param floatAccuracy  the student in float (fake-quantized when trained with QAT)
     * @param teacher        the teacher (PQK only; NaN otherwise)
     * @param int8Validation the int8 model on the validation split
     * @param prunedWeights  fraction of all the model's weights that are pruned (depthwise and excluded layers count)
     * @param seconds        training time: its own, plus the whole shared phase 1 when it shared one
     * @param sharedPhase1Seconds training time of the phase 1 it shared with another run, included in {@code seconds};
     *                       NaN when it trained its phase 1 alone
     */
    public record Outcome(Run run, double floatAccuracy, double teacher, double int8Accuracy, double int8Validation,
                          double prunedWeights, long weights, double seconds, double sharedPhase1Seconds) {
        public boolean sharedPhase1() {
            return !Double.isNaN(sharedPhase1Seconds);
        }
    }

    /** Dense variants once per seed, the others once per sparsity and seed, in the order given. */
    public static List<Run> plan(List<Variant> variants, List<Double> sparsities, List<Long> seeds) {
        if (variants.isEmpty() || sparsities.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("an ablation needs at least one variant, sparsity and seed");
        }
        for (double s : sparsities) {
            if (!(s > 0 && s < 1)) {
                throw new IllegalArgumentException("ablation sparsities must be in (0, 1), got " + s);
            }
        }
        List<Run> runs = new ArrayList<>();
        for (Variant v : variants) {
            for (double s : v.pruned ? sparsities : List.of(0.0)) {
                for (long seed : seeds) {
                    runs.add(new Run(v, s, seed));
                }
            }
        }
        return runs;
    }

    /**
     * Trains every run (or reads its result, with {@code resume}, when an earlier invocation finished it).
     *
     * @param dir receives runs/&lt;id&gt;.pqkm, .ckpt (while training), .history.csv/.svg (the curves) and
     *            .properties (the result)
     */
    public static List<Outcome> run(TrainingData data, String architecture, PqkConfig base, List<Run> runs, Path dir,
                                    boolean resume, PrintStream log) {
        Path runsDir = dir.resolve("runs");
        try {
            Files.createDirectories(runsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runsDir + ": " + e.getMessage(), e);
        }
        Map<Run, SharedPhase1> shared = sharedPhase1s(base, runs, runsDir);
        List<Outcome> outcomes = new ArrayList<>();
        int k = 0;
        for (Run r : runs) {
            k++;
            Path result = runsDir.resolve(r.id() + ".properties");
            PqkConfig c = r.variant().configure(base, r.sparsity(), r.seed());
            String settings = architecture + " on " + data.name() + ": " + c.fingerprint();
            if (resume && Files.isRegularFile(result)) {
                outcomes.add(read(result, r, settings));
                log.printf(Locale.ROOT, "[%d/%d] %s: done earlier (%s)%n", k, runs.size(), r.id(), result);
                continue;
            }
            log.printf(Locale.ROOT, "[%d/%d] %s%n", k, runs.size(), r.id());
            Path checkpoint = runsDir.resolve(r.id() + ".ckpt");
            SharedPhase1 phase1 = shared.get(r);
            double phase1Seconds = Double.NaN;
            boolean fromCheckpoint = resume && Files.exists(checkpoint);
            if (phase1 != null) {
                // an interrupted run of its own continues from its checkpoint; the shared phase 1 only gives the time
                phase1Seconds = fromCheckpoint ? phase1.secondsOfFinished(data, architecture)
                        : phase1.startRun(data, architecture, resume, checkpoint, log);
            }
            TrainingResult t = TrainingJob.run(data, architecture, r.modelName(architecture), c, checkpoint,
                    fromCheckpoint || phase1 != null, log);
            ModelFile.write(t.model(), runsDir.resolve(r.id() + ".pqkm"));
            TrainingCurves.write(runsDir.resolve(r.id() + ".history.csv"), t.history(), architecture + " " + r.id()
                    + ": training curves");
            Outcome o = outcome(r, t, phase1Seconds);
            write(result, o, settings);
            outcomes.add(o);
            log.printf(Locale.ROOT, "[%d/%d] %s: float %.2f%%, int8 %.2f%% (validation %.2f%%), %.1f%% of weights "
                    + "pruned, %.0f s%n", k, runs.size(), r.id(), 100 * o.floatAccuracy(), 100 * o.int8Accuracy(),
                    100 * o.int8Validation(), 100 * o.prunedWeights(), o.seconds());
        }
        return outcomes;
    }

    /**
     * The shared phase 1 of each run whose phase-1 settings ({@link PqkConfig#phase1Fingerprint()}) equal another
     * run's, named after their sparsity and seed: "phase1-s90-seed1".
     */
    static Map<Run, SharedPhase1> sharedPhase1s(PqkConfig base, List<Run> runs, Path runsDir) {
        Map<String, List<Run>> byPhase1 = new LinkedHashMap<>();
        Map<String, PqkConfig> configs = new HashMap<>();
        for (Run r : runs) {
            PqkConfig c = r.variant().configure(base, r.sparsity(), r.seed());
            byPhase1.computeIfAbsent(c.phase1Fingerprint(), x -> new ArrayList<>()).add(r);
            configs.putIfAbsent(c.phase1Fingerprint(), c);
        }
        Map<Run, SharedPhase1> shared = new HashMap<>();
        Set<String> names = new HashSet<>();
        byPhase1.forEach((fingerprint, group) -> {
            if (group.size() < 2) {
                return;
            }
            String name = "phase1-" + group.get(0).point();
            if (!names.add(name)) {
                throw new IllegalStateException("two different phase 1s would both be kept as " + name);
            }
            SharedPhase1 p = new SharedPhase1(runsDir, name, configs.get(fingerprint),
                    group.stream().map(Run::id).toList());
            group.forEach(r -> shared.put(r, p));
        });
        return shared;
    }

    private static Outcome outcome(Run r, TrainingResult t, double sharedPhase1Seconds) {
        Int8Model m = t.model();
        long total = 0;
        for (Op op : m.ops()) {
            if (op.weights() != null) {
                total += op.weights().mask().length;
            }
        }
        double seconds = Double.isNaN(sharedPhase1Seconds) ? t.seconds() : sharedPhase1Seconds + t.seconds();
        return new Outcome(r, t.studentTestAccuracy(), t.teacherTestAccuracy(), t.int8TestAccuracy(),
                t.int8ValidationAccuracy(), m.prunedFraction(), total, seconds, sharedPhase1Seconds);
    }

    private static void write(Path file, Outcome o, String settings) {
        Properties p = new Properties();
        p.setProperty("settings", settings);
        p.setProperty("float", Double.toString(o.floatAccuracy()));
        p.setProperty("teacher", Double.toString(o.teacher()));
        p.setProperty("int8", Double.toString(o.int8Accuracy()));
        p.setProperty("int8_validation", Double.toString(o.int8Validation()));
        p.setProperty("pruned", Double.toString(o.prunedWeights()));
        p.setProperty("weights", Long.toString(o.weights()));
        p.setProperty("seconds", Double.toString(o.seconds()));
        if (o.sharedPhase1()) {
            p.setProperty("shared_phase1_seconds", Double.toString(o.sharedPhase1Seconds()));
        }
        AtomicFiles.writeString(file, text(p));
    }

    /** Properties as sorted lines without the date comment Properties.store writes first: deterministic files. */
    static String text(Properties p) {
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().lines().filter(l -> !l.startsWith("#")).sorted().reduce("", (a, b) -> a + b + "\n");
    }

    private static Outcome read(Path file, Run r, String settings) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            if (!settings.equals(p.getProperty("settings"))) {
                throw new IllegalArgumentException(file + " was trained with other settings (" + p.getProperty("settings")
                        + "); resume with the same options, or use another --out folder");
            }
            return new Outcome(r, Double.parseDouble(p.getProperty("float")), Double.parseDouble(p.getProperty("teacher")),
                    Double.parseDouble(p.getProperty("int8")), Double.parseDouble(p.getProperty("int8_validation")),
                    Double.parseDouble(p.getProperty("pruned")),
                    Long.parseLong(p.getProperty("weights")), Double.parseDouble(p.getProperty("seconds")),
                    Double.parseDouble(p.getProperty("shared_phase1_seconds", "NaN")));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a readable ablation result (" + e.getMessage()
                    + "); delete it to train that run again", e);
        }
    }
}
