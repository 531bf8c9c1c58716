package io.pqkmcu.cli;

import io.pqkmcu.codegen.bench.BenchResult;
import io.pqkmcu.codegen.bench.BenchTable;
import io.pqkmcu.codegen.bench.BenchVariant;
import io.pqkmcu.codegen.bench.DsCnnModels;
import io.pqkmcu.codegen.bench.FirmwareBench;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.tflite.TfliteImporter;
import io.pqkmcu.model.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pqk bench firmware}: flash, RAM and instructions of DS-CNN-S firmware, dense vs sparse vs CMSIS-NN. */
@Command(name = "firmware", mixinStandardHelpOptions = true,
        description = "Build and run the MLPerf DS-CNN-S firmware on emulated boards and report, per sparsity and "
                + "board: model flash (weights and index data; per-channel parameters and kernel code apart), the "
                + "arena and firmware RAM, instructions per inference under QEMU -icount, bytes per non-zero and the "
                + "ratios to the dense model measured in the same run. The DS-CNN-S models have random weights, "
                + "magnitude-pruned to each sparsity in every layer (counts, not accuracy); --model adds trained "
                + "models. Every run checks the firmware's logits against the Java int8 reference.")
final class FirmwareBenchCommand implements Callable<Integer> {
    @Option(names = "--sparsity", split = ",", paramLabel = "PERCENT",
            description = "DS-CNN-S sparsities in percent (default: ${DEFAULT-VALUE})")
    List<Integer> sparsity = new ArrayList<>(List.of(0, 50, 80, 90));

    @Option(names = "--board", split = ",", description = "boards (default: ${DEFAULT-VALUE})")
    List<String> boards = new ArrayList<>(List.of("qemu-mps2-an386", "qemu-mps2-an385"));

    @Option(names = "--model", split = ",", paramLabel = "FILE", description = "trained .pqkm models, or int8 .tflite models (imported as pqk import does), to add")
    List<Path> models = new ArrayList<>();

    @Option(names = "--cmsis-nn", paramLabel = "DIR", description = "a CMSIS-NN source tree (v7 API): also measure the "
            + "dense models with ARM's CMSIS-NN kernels (default: $PQK_CMSIS_NN if set)")
    Path cmsisNn;

    @Option(names = "--out", description = "folder for the projects, bench.md and bench.csv (default: ${DEFAULT-VALUE})")
    Path out = Path.of("pqk-bench");

    @Option(names = "--vectors", description = "random inputs per run (the median count is reported) (default: "
            + "${DEFAULT-VALUE})")
    int vectors = 3;

    @Option(names = "--seed", description = "weights and inputs (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public Integer call() {
        if (cmsisNn == null && System.getenv("PQK_CMSIS_NN") != null && !System.getenv("PQK_CMSIS_NN").isBlank()) {
            cmsisNn = Path.of(System.getenv("PQK_CMSIS_NN"));
        }
        if (cmsisNn != null && !Files.isRegularFile(cmsisNn.resolve("Include/arm_nnfunctions.h"))) {
            throw new IllegalArgumentException("--cmsis-nn " + cmsisNn + " is not a CMSIS-NN source tree (no "
                    + "Include/arm_nnfunctions.h)");
        }
        if (vectors <= 0) {
            throw new IllegalArgumentException("--vectors must be positive");
        }
        List<Int8Model> all = new ArrayList<>();
        for (int s : sparsity) {
            if (s < 0 || s >= 100) {
                throw new IllegalArgumentException("--sparsity " + s + " is not a percentage in [0, 100)");
            }
            all.add(DsCnnModels.small(s / 100.0, seed));
        }
        for (Path m : models) {
            String file = m.getFileName().toString();
            all.add(file.endsWith(".tflite")
                    ? TfliteImporter.read(m, file.substring(0, file.length() - ".tflite".length()), null)
                    : ModelFile.read(m));
        }
        List<BenchVariant> variants = new ArrayList<>(List.of(BenchVariant.DENSE, BenchVariant.AUTO));
        if (cmsisNn != null) {
            variants.add(BenchVariant.CMSIS_NN);
        } else {
            System.err.println("pqk: no CMSIS-NN tree given (--cmsis-nn or PQK_CMSIS_NN): its column is left out");
        }
        List<BenchResult> results = new ArrayList<>();
        int total = all.size() * boards.size() * variants.size();
        int n = 0;
        for (Int8Model m : all) {
            double s = FirmwareBench.sparsity(m);
            for (String board : boards) {
                for (BenchVariant v : variants) {
                    n++;
                    Path dir = out.resolve(board).resolve(m.name() + "-" + v.label);
                    BenchResult r = FirmwareBench.measure(m, s, board, v, dir, cmsisNn, vectors, seed);
                    results.add(r);
                    System.err.printf(Locale.ROOT, "[%d/%d] %s %s %s: %d instructions, model flash %d B, arena %d B%s%n",
                            n, total, m.name(), board, v.label, r.instructions(), r.modelFlashBytes(), r.arenaBytes(),
                            r.bitExact() ? "" : "  NOT BIT-EXACT");
                }
            }
        }
        String table = BenchTable.text(results);
        System.out.print(table);
        write(out.resolve("bench.md"), "# pqk bench firmware " + String.join(" ", describe()) + "\n\n" + table);
        write(out.resolve("bench.csv"), BenchTable.csv(results));
        System.out.println("wrote " + out.resolve("bench.md") + " and " + out.resolve("bench.csv"));
        return results.stream().allMatch(BenchResult::bitExact) ? 0 : 1;
    }

    private List<String> describe() {
        List<String> args = new ArrayList<>();
        args.add("--sparsity " + sparsity.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
        args.add("--board " + String.join(",", boards));
        args.add("--seed " + seed);
        args.add("--vectors " + vectors);
        if (!models.isEmpty()) {
            args.add("--model " + models.stream().map(Path::toString).reduce((a, b) -> a + "," + b).orElse(""));
        }
        if (cmsisNn != null) {
            args.add("--cmsis-nn " + cmsisNn);
        }
        return args;
    }

    private static void write(Path p, String text) {
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            AtomicFiles.write(p, text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
