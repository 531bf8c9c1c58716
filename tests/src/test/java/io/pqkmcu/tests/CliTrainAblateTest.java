package io.pqkmcu.tests;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.OpKind;
import io.pqkmcu.model.data.WavFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `pqk train`, `pqk eval` and `pqk ablate` on tiny datasets: every variant runs, files appear, bad options are named. */
class CliTrainAblateTest {
    @TempDir
    static Path tmp;
    private static Path kws;
    private static Path cifar;

    @BeforeAll
    static void data() throws IOException {
        kws = tmp.resolve("kws");
        List<String> val = new ArrayList<>();
        List<String> test = new ArrayList<>();
        String[] words = {"alpha", "bravo", "charlie"};
        for (int w = 0; w < words.length; w++) {
            for (int s = 0; s < 10; s++) {
                String rel = words[w] + "/spk" + s + "_nohash_0.wav";
                short[] clip = new short[16000];
                for (int i = 3000; i < 13000; i++) {
                    clip[i] = (short) ((1500 + 100 * s) * Math.sin(2 * Math.PI * (250 + 400 * w + 7 * s) * i / 16000));
                }
                WavFile.write(kws.resolve(rel), clip, 16000);
                (s == 8 ? val : s == 9 ? test : new ArrayList<String>()).add(rel);
            }
        }
        Files.writeString(kws.resolve("validation_list.txt"), String.join("\n", val) + "\n");
        Files.writeString(kws.resolve("testing_list.txt"), String.join("\n", test) + "\n");

        cifar = tmp.resolve("cifar");
        Files.createDirectories(cifar);
        for (int b = 1; b <= 6; b++) {
            byte[] records = new byte[20 * 3073];
            for (int r = 0; r < 20; r++) {
                records[r * 3073] = (byte) (r % 10);
                for (int p = 1; p < 3073; p++) {
                    records[r * 3073 + p] = (byte) (r * 25 + p % 7);
                }
            }
            Files.write(cifar.resolve(b == 6 ? "test_batch.bin" : "data_batch_" + b + ".bin"), records);
        }
    }

    private static void assertFails(CliRun r, String expected) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(expected), "stderr should mention '" + expected + "':\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void ablateRunsEveryVariantWritesTablesAndPlotAndResumes() throws IOException {
        Path out = tmp.resolve("ablation");
        String[] args = {"ablate", "--data", kws.toString(), "--task", "all", "--arch", "ds-cnn-tiny", "--phase1-steps", "12",
            "--phase2-steps", "4", "--batch", "8", "--sparsity", "0.5,0.75", "--out", out.toString(), "--threads", "2"};
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        String md = Files.readString(out.resolve("ablation.md"));
        for (String row : List.of("| dense float | 0 % |", "| dense QAT | 0 % |", "| pruning only | 50 % |",
                "| pruning only | 75 % |", "| pruning + QAT | 50 % |", "| pruning + QAT | 75 % |", "| PQK | 50 % |",
                "| PQK | 75 % |")) {
            assertTrue(md.contains(row), row + " in\n" + md);
        }
        assertEquals(9, Files.readString(out.resolve("ablation.csv")).lines().count());
        assertTrue(Files.readString(out.resolve("ablation.svg")).startsWith("<svg"));
        assertTrue(Files.isRegularFile(out.resolve("runs/pqk-s75-seed1.pqkm")));
        List<String> curve = Files.readAllLines(out.resolve("runs/pqk-s75-seed1.history.csv"));
        assertTrue(curve.get(0).startsWith("step,phase,"), curve.get(0));
        assertTrue(curve.stream().anyMatch(l -> l.startsWith("12,1,")) && curve.get(curve.size() - 1).startsWith("16,2,"),
                "an evaluation at the end of each phase:\n" + String.join("\n", curve));
        assertTrue(Files.readString(out.resolve("runs/pqk-s75-seed1.history.svg")).contains("<polyline"));
        assertTrue(md.contains("Command: `pqk ablate --data " + kws + " --task all --arch ds-cnn-tiny"), md);
        // pruning + QAT and PQK trained one phase 1 per sparsity, and the table says so
        assertEquals(2, r.out().lines().filter(l -> l.contains("phase 1 shared by prune-qat-")
                && l.contains(", trained once into")).count(), r.out());
        assertTrue(Files.isRegularFile(out.resolve("runs/phase1-s75-seed1.ckpt")));
        assertTrue(md.contains("Phase 1 shared: pruning + QAT and PQK trained their phase 1 once per sparsity and seed"),
                md);

        CliRun again = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--resume")).toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(8, again.out().lines().filter(l -> l.contains("done earlier")).count(), again.out());
        String resumed = Files.readString(out.resolve("ablation.md"));
        assertEquals(withoutCommand(md), withoutCommand(resumed), "the same tables from the finished runs");
        assertTrue(resumed.contains(" --threads 2 --resume`; this invocation took "), resumed);
        assertFails(CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--resume", "--temperature", "2")).toArray(String[]::new)), "was trained with other settings");
    }

    private static String withoutCommand(String md) {
        return md.lines().filter(l -> !l.startsWith("Command: `pqk ablate ")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void ablateReportsThePairedDifferenceOverSeeds() throws IOException {
        Path out = tmp.resolve("paired");
        CliRun r = CliRun.of("ablate", "--data", kws.toString(), "--task", "all", "--arch", "ds-cnn-tiny", "--phase1-steps",
                "12", "--phase2-steps", "4", "--batch", "8", "--sparsity", "0.5", "--variants", "prune-qat,pqk", "--seeds",
                "1,2", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        String md = Files.readString(out.resolve("ablation.md"));
        assertTrue(md.contains("PQK − (pruning + QAT), int8 accuracy, paired by seed"), md);
        assertTrue(java.util.regex.Pattern.compile("\\| 50 % \\| 2 \\| [+-]\\d+\\.\\d\\d \\| \\[[+-]\\d+\\.\\d\\d, [+-]\\d+\\.\\d\\d\\] \\|")
                .matcher(md).find(), md);
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertEquals(5, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("variant,sparsity,seed,") && csv.get(0).contains("int8_test_accuracy")
                && csv.get(0).contains("int8_validation_accuracy"), csv.get(0));
        assertTrue(Files.readString(out.resolve("ablation.svg")).contains("paired by seed"));
    }

    @Test
    void trainAndEvalOnCifarBatchesWithTheMlperfResNet() {
        Path model = tmp.resolve("resnet8.pqkm");
        CliRun r = CliRun.of("train", "--dataset", "cifar10", "--data", cifar.toString(), "--arch", "resnet8",
                "--phase1-steps", "3", "--phase2-steps", "2", "--batch", "4", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        Int8Model m = ModelFile.read(model);
        assertEquals(3, m.ops().stream().filter(o -> o.kind() == OpKind.ADD).count());
        assertEquals("airplane", m.labels().get(0));
        CliRun e = CliRun.of("eval", model.toString(), "--dataset", "cifar10", "--data", cifar.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("int8 accuracy:") && e.out().contains("(") && e.out().contains("/20)"), e.out());
        assertFails(CliRun.of("eval", model.toString(), "--data", kws.toString()), "takes no audio input");
    }

    @Test
    void trainOnTheAllWordsTaskWithAugmentationAndEvalInfersTheTask() {
        Path model = tmp.resolve("kws.pqkm");
        CliRun r = CliRun.of("train", "--data", kws.toString(), "--task", "all", "--augment", "--arch", "ds-cnn-tiny",
                "--phase1-steps", "6", "--phase2-steps", "2", "--batch", "8", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("augmentation: time shift ±100 ms"), r.out());
        assertEquals(List.of("alpha", "bravo", "charlie"), ModelFile.read(model).labels());
        CliRun e = CliRun.of("eval", model.toString(), "--data", kws.toString());
        assertEquals(0, e.exitCode(), e.err());
    }

    @Test
    void evalWritesPerClipRowsEvaluatesTheClassesPresentAndRefusesAnEmptySplit() throws IOException {
        Path model = tmp.resolve("kws-eval.pqkm");
        CliRun r = CliRun.of("train", "--data", kws.toString(), "--task", "all", "--arch", "ds-cnn-tiny",
                "--phase1-steps", "4", "--phase2-steps", "2", "--batch", "8", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path csv = tmp.resolve("per-clip.csv");
        CliRun e = CliRun.of("eval", model.toString(), "--data", kws.toString(), "--per-clip", csv.toString());
        assertEquals(0, e.exitCode(), e.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("path,label,prediction,logit_alpha,logit_bravo,logit_charlie", rows.get(0));
        assertEquals(4, rows.size(), "a header and the 3 test clips"); // spk9 of each word
        assertTrue(rows.get(1).startsWith("alpha/spk9_nohash_0.wav,alpha,"), rows.get(1));
        int correct = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(6, f.length, row);
            int best = 3;
            for (int i = 4; i < 6; i++) {
                if (Integer.parseInt(f[i]) > Integer.parseInt(f[best])) {
                    best = i;
                }
            }
            assertEquals(rows.get(0).split(",")[best].substring("logit_".length()), f[2], "prediction = argmax: " + row);
            correct += f[1].equals(f[2]) ? 1 : 0;
        }
        assertTrue(e.out().contains("int8 accuracy: ") && e.out().contains("(" + correct + "/3)"), e.out());

        // a folder without charlie: the other classes are evaluated and the missing one is named
        Path partial = tmp.resolve("kws-partial");
        List<String> test = new ArrayList<>();
        for (String w : List.of("alpha", "bravo")) {
            String rel = w + "/spk9_nohash_0.wav";
            Files.createDirectories(partial.resolve(w));
            Files.copy(kws.resolve(rel), partial.resolve(rel));
            test.add(rel);
        }
        Files.writeString(partial.resolve("validation_list.txt"), "");
        Files.writeString(partial.resolve("testing_list.txt"), String.join("\n", test) + "\n");
        CliRun p = CliRun.of("eval", model.toString(), "--data", partial.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().contains("has no folder for charlie: evaluating the other 2 classes"), p.out());
        assertTrue(p.out().contains("/2)"), p.out());
        // its validation split is empty: an error, not 0 % of 0
        assertFails(CliRun.of("eval", model.toString(), "--data", partial.toString(), "--split", "VALIDATION"),
                "validation split is empty");
    }

    @Test
    void badDataAndOptionsAreNamed() {
        assertFails(CliRun.of("train", "--dataset", "mnist", "--data", kws.toString()), "unknown dataset 'mnist'");
        assertFails(CliRun.of("train", "--dataset", "cifar10"), "--data is required for cifar10");
        assertFails(CliRun.of("train", "--data", kws.toString(), "--task", "7"), "unknown task '7'");
        assertFails(CliRun.of("train", "--data", kws.toString(), "--task", "35"), "no keyword folders (backward, bed, bird");
        assertFails(CliRun.of("train", "--data", kws.toString(), "--sparsity", "0.8,0.9"), "--sparsity takes one value");
        assertFails(CliRun.of("train", "--data", kws.toString(), "--arch", "vgg16"), "unknown architecture 'vgg16'");
        assertFails(CliRun.of("ablate", "--data", kws.toString(), "--variants", "pqk,qat"), "unknown ablation variant 'qat'");
        assertFails(CliRun.of("train", "--dataset", "cifar10", "--data", kws.toString()), "test_batch.bin");
        assertFails(CliRun.of("train", "--data", kws.toString(), "--warmup-steps", "-1"), "--warmup-steps must be >= 0, got -1");
    }
}
