package io.pqkmcu.trainer.train;

import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.trainer.pqk.PqkConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The phase 1 that an ablation's runs with equal phase-1 settings share (pruning + QAT and PQK of one sparsity
 * and seed): trained once into {@code <name>.ckpt}, then each run continues from its own copy of that
 * phase-1-end checkpoint. Phase 1 reads no phase-2 setting, and the checkpoint carries everything the trainer
 * keeps across the phase boundary, so each run ends bit for bit as if it had trained alone
 * ({@code SharedPhase1Test}); and since both phase 2s start from one state, their paired difference measures
 * phase 2 alone.
 *
 * <p>{@code <name>.properties} records the phase-1 settings and training time once phase 1 has finished: with
 * {@code resume} a finished phase 1 is reused and an interrupted one continues from its checkpoint.
 */
final class SharedPhase1 {
    private final String name;
    private final Path checkpoint;
    private final Path record;
    private final PqkConfig config;
    private final List<String> runIds;
    private double seconds = Double.NaN;

    /**
     * @param config the configuration of any run that shares it (they agree on every phase-1 setting)
     * @param runIds the runs that share it, for the log
     */
    SharedPhase1(Path dir, String name, PqkConfig config, List<String> runIds) {
        this.name = name;
        this.checkpoint = dir.resolve(name + ".ckpt");
        this.record = dir.resolve(name + ".properties");
        this.config = config;
        this.runIds = List.copyOf(runIds);
    }

    String name() {
        return name;
    }

    /** What the record must match: architecture, data and every phase-1 setting. */
    private static String settings(String architecture, TrainingData data, PqkConfig config) {
        return architecture + " on " + data.name() + ": " + config.phase1Fingerprint();
    }

    /**
     * Makes {@code runCheckpoint} the phase-1 end of this run's phase 1, training phase 1 first unless this
     * invocation already did, or ({@code resume}) an earlier one finished it.
     *
     * @return the training time of the shared phase 1, in seconds
     */
    double startRun(TrainingData data, String architecture, boolean resume, Path runCheckpoint, PrintStream log) {
        if (Double.isNaN(seconds)) {
            String settings = settings(architecture, data, config);
            if (resume && Files.isRegularFile(record) && Files.isRegularFile(checkpoint)) {
                seconds = read(settings);
                log.printf(Locale.ROOT, "phase 1 shared by %s: done earlier (%s)%n", String.join(" and ", runIds),
                        checkpoint);
            } else {
                log.printf(Locale.ROOT, "phase 1 shared by %s, trained once into %s%n", String.join(" and ", runIds),
                        checkpoint);
                seconds = TrainingJob.phase1(data, architecture, config, checkpoint, resume, log);
                write(settings, seconds);
            }
        }
        // through a temp file and a rename, like every checkpoint: a run killed mid-copy must not resume from half of one
        AtomicFiles.write(runCheckpoint, out -> Files.copy(checkpoint, out));
        log.printf(Locale.ROOT, "phase 2 starts from a copy of the shared phase 1 (%s)%n", checkpoint.getFileName());
        return seconds;
    }

    /**
     * For a run that continues from its own checkpoint, which began as a copy of this phase 1: the time this phase
     * 1 took when an invocation finished it, NaN when none did (the run then trained its phase 1 alone).
     */
    double secondsOfFinished(TrainingData data, String architecture) {
        if (Double.isNaN(seconds) && Files.isRegularFile(record)) {
            seconds = read(settings(architecture, data, config));
        }
        return seconds;
    }

    private void write(String settings, double trainSeconds) {
        Properties p = new Properties();
        p.setProperty("settings", settings);
        p.setProperty("seconds", Double.toString(trainSeconds));
        AtomicFiles.writeString(record, Ablation.text(p));
    }

    private double read(String settings) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(record)) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(record + ": not a readable phase-1 record (" + e.getMessage()
                    + "); delete it to train that phase 1 again", e);
        }
        if (!settings.equals(p.getProperty("settings"))) {
            throw new IllegalArgumentException(record + ": this phase 1 was trained with other settings ("
                    + p.getProperty("settings") + "); resume with the same options, or use another --out folder");
        }
        try {
            return Double.parseDouble(p.getProperty("seconds"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(record + ": not a readable phase-1 record (seconds: "
                    + p.getProperty("seconds") + "); delete it to train that phase 1 again", e);
        }
    }
}
