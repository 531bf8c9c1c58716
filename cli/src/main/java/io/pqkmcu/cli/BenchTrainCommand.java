package io.pqkmcu.cli;

import io.pqkmcu.trainer.bench.CpuLoad;
import io.pqkmcu.trainer.bench.TrainingThroughput;
import io.pqkmcu.trainer.tensor.Gemm;
import io.pqkmcu.trainer.tensor.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pqk bench train}: training and inference samples/s of the Java trainer, and of PyTorch on
 * the same model, batch and threads, measured in the same run, with their ratio, and the CPU other
 * processes used during each timed part; a figure with more than a tenth of a core of other load is
 * marked unreliable (see CpuLoad).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training throughput (forward + backward + Adam) and inference throughput of the Java trainer "
                + "on DS-CNN, and of PyTorch (python3 with torch, if installed) on the same model, batch and thread "
                + "count in the same run. Each figure comes with the CPU other processes used while it was timed "
                + "(/proc/stat minus the measuring process); above 0.10 core it is marked unreliable.")
final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--arch", description = "architecture (default: ${DEFAULT-VALUE})")
    String architecture = "ds-cnn-s";

    @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch = 100;

    @Option(names = "--threads", description = "threads for both frameworks (default: all cores)")
    Integer threads;

    @Option(names = "--seconds", description = "measured seconds per mode (default: ${DEFAULT-VALUE})")
    double seconds = 10;

    @Option(names = "--python", description = "Python with torch for the baseline (default: ${DEFAULT-VALUE}); "
            + "'none' skips it")
    String python = "/usr/bin/python3";

    @Override
    public Integer call() throws Exception {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Parallel.setThreads(t);
        System.out.printf(Locale.ROOT, "%s, batch %d, %d threads, vector width %d floats%n", architecture, batch, t,
                Gemm.vectorLength());
        TrainingThroughput.Result java = new TrainingThroughput(architecture, 49, 10, 12, batch).measure(seconds, 5);
        TrainingThroughput.OtherCpu other = java.otherCpu();
        double[] torch = pytorch(t);
        System.out.printf(Locale.ROOT, "%-42s %11s %11s %8s   %s%n", "samples/s", "pqk (Java)", "PyTorch", "ratio",
                "other CPU, cores (Java / PyTorch)");
        boolean flagged = row("training, float (fwd + bwd + Adam)", java.floatTraining(), other.floatTraining(),
                torch == null ? Double.NaN : torch[0], torch == null ? Double.NaN : torch[2]);
        flagged |= row("inference, float", java.inference(), other.inference(), torch == null ? Double.NaN : torch[1],
                torch == null ? Double.NaN : torch[3]);
        flagged |= row("training, PQK phase 1 (QAT student)", java.qatTraining(), other.qatTraining(), Double.NaN,
                Double.NaN);
        flagged |= row("training, PQK phase 2 (teacher + student)", java.pqkPhase2(), other.pqkPhase2(), Double.NaN,
                Double.NaN);
        System.out.printf(Locale.ROOT, "other CPU: what other processes used while each figure was timed (/proc/stat "
                + "minus the measuring process)%s%n", flagged ? String.format(Locale.ROOT, "; UNRELIABLE marks more than "
                + "%.2f core: rerun on a quiet machine", CpuLoad.UNRELIABLE_CORES) : "");
        if (torch == null) {
            System.out.println("(no PyTorch baseline: install python3-torch, or pass --python)");
        }
        return 0;
    }

    /** Prints one row; returns whether it is marked unreliable. */
    private static boolean row(String name, double ours, double oursOther, double theirs, double theirsOther) {
        boolean bad = CpuLoad.unreliable(oursOther) || CpuLoad.unreliable(theirsOther);
        System.out.printf(Locale.ROOT, "%-42s %11.0f %11s %8s   %s / %s%s%n", name, ours,
                Double.isNaN(theirs) ? "-" : String.format(Locale.ROOT, "%.0f", theirs),
                Double.isNaN(theirs) ? "-" : String.format(Locale.ROOT, "%.2fx", ours / theirs), cores(oursOther),
                Double.isNaN(theirs) ? "-" : cores(theirsOther), bad ? "  UNRELIABLE" : "");
        return bad;
    }

    private static String cores(double c) {
        return Double.isNaN(c) ? "n/a" : String.format(Locale.ROOT, "%.2f", c);
    }

    /**
     * Runs bench/pytorch/dscnn_bench.py; returns {training, inference} samples/s and the other processes'
     * CPU during each (NaN if the script could not tell), or null when unavailable.
     */
    private double[] pytorch(int t) throws IOException, InterruptedException {
        if ("none".equals(python) || !Files.isExecutable(Path.of(python))) {
            return null;
        }
        if (!architecture.startsWith("ds-cnn")) {
            System.out.println("(the PyTorch baseline models DS-CNN only)");
            return null;
        }
        Path script = Files.createTempFile("dscnn_bench", ".py");
        try (InputStream in = BenchTrainCommand.class.getResourceAsStream("/io/pqkmcu/cli/dscnn_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(List.of(python, script.toString(), "--threads", String.valueOf(t), "--batch",
                    String.valueOf(batch), "--seconds", String.valueOf(seconds))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                System.out.println("(PyTorch baseline failed: " + out.strip() + ")");
                return null;
            }
            Matcher tr = Pattern.compile("\"train_samples_per_s\": ([0-9.]+)").matcher(out);
            Matcher in = Pattern.compile("\"inference_samples_per_s\": ([0-9.]+)").matcher(out);
            Matcher fw = Pattern.compile("\"framework\": \"([^\"]+)\"").matcher(out);
            if (!tr.find() || !in.find()) {
                System.out.println("(unexpected PyTorch output: " + out.strip() + ")");
                return null;
            }
            System.out.println("baseline: " + (fw.find() ? fw.group(1) : "pytorch") + " via " + python);
            return new double[] {Double.parseDouble(tr.group(1)), Double.parseDouble(in.group(1)),
                otherCpu(out, "train_other_cpu"), otherCpu(out, "inference_other_cpu")};
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** A "key": number field of the script's JSON line; NaN when it is null or absent. */
    static double otherCpu(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
