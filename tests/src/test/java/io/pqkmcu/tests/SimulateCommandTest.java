package io.pqkmcu.tests;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pqk simulate}: totals from the normal build, instructions per layer from the profiling build. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsEveryLayerAndTheirSumMatchesTheModelTotal() throws Exception {
        Int8Model m = RandomModels.random(5101);
        Path model = tmp.resolve("m.pqkm");
        ModelFile.write(m, model);
        Path dir = tmp.resolve("p");
        CliRun g = CliRun.of("generate", model.toString(), "--board", "qemu-mps2-an386", "--out", dir.toString());
        assertEquals(0, g.exitCode(), g.err());

        CliRun r = CliRun.of("simulate", dir.toString(), "--timeout", "120");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("PASS on qemu-mps2-an386"), r.out());
        long sum = 0;
        for (int i = 0; i < m.ops().size(); i++) {
            Matcher row = Pattern.compile("(?m)^\\s+" + i + " " + Pattern.quote(m.ops().get(i).name())
                    + "\\s+" + m.ops().get(i).kind().name() + "\\s+(\\d+)\\s").matcher(r.out());
            assertTrue(row.find(), "no row for layer " + i + ":\n" + r.out());
            long n = Long.parseLong(row.group(1));
            assertTrue(n > 0, "layer " + i + " counted no instructions:\n" + r.out());
            sum += n;
        }
        Matcher total = Pattern.compile("model, normal build \\(median\\)\\s+(\\d+)").matcher(r.out());
        assertTrue(total.find(), r.out());
        long modelTotal = Long.parseLong(total.group(1));
        // The layers are the model minus its copy in/out; the hook's calls add a few instructions per layer.
        assertTrue(sum <= modelTotal + 20L * m.ops().size() && sum >= modelTotal * 0.9,
                "sum of layers " + sum + " vs model total " + modelTotal + ":\n" + r.out());
    }

    @Test
    void namesTheClipOfEveryInputThatGenerateEmbedded() throws Exception {
        // a tiny 12-class set of tones: one test clip per keyword and one unknown word
        Path data = tmp.resolve("kws");
        java.util.List<String> words = new java.util.ArrayList<>(io.pqkmcu.trainer.data.KwsTask.KEYWORDS);
        words.add("bed");
        StringBuilder test = new StringBuilder();
        for (int w = 0; w < words.size(); w++) {
            for (int s = 0; s < 2; s++) {
                String rel = words.get(w) + "/spk" + s + "_nohash_0.wav";
                short[] clip = new short[16000];
                for (int i = 2000; i < 12000; i++) {
                    clip[i] = (short) (3000 * Math.sin(2 * Math.PI * (300 + 150 * w) * i / 16000));
                }
                io.pqkmcu.model.data.WavFile.write(data.resolve(rel), clip, 16000);
                if (s == 1) {
                    test.append(rel).append('\n');
                }
            }
        }
        short[] noise = new short[16000 * 2];
        java.util.Random rng = new java.util.Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (rng.nextGaussian() * 1000);
        }
        io.pqkmcu.model.data.WavFile.write(data.resolve("_background_noise_/white.wav"), noise, 16000);
        java.nio.file.Files.writeString(data.resolve("validation_list.txt"), "");
        java.nio.file.Files.writeString(data.resolve("testing_list.txt"), test.toString());

        Path model = tmp.resolve("kws.pqkm");
        try (java.io.InputStream in = SimulateCommandTest.class.getResourceAsStream("kws-demo.pqkm")) {
            java.nio.file.Files.copy(in, model);
        }
        Path dir = tmp.resolve("kp");
        CliRun g = CliRun.of("generate", model.toString(), "--board", "qemu-mps2-an386", "--data", data.toString(),
                "--test-clips", "3", "--out", dir.toString());
        assertEquals(0, g.exitCode(), g.err());
        java.util.List<String> names = java.nio.file.Files.readAllLines(dir.resolve("test_clips.txt"));
        assertEquals(3, names.size(), names.toString());
        CliRun r = CliRun.of("simulate", dir.toString(), "--timeout", "120");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (int i = 0; i < names.size(); i++) {
            assertTrue(java.nio.file.Files.isRegularFile(data.resolve(names.get(i))), names.get(i));
            Matcher row = Pattern.compile("(?m)^\\s+" + i + " .*yes\\s.*  " + Pattern.quote(names.get(i)) + "$")
                    .matcher(r.out());
            assertTrue(row.find(), "no row naming " + names.get(i) + ":\n" + r.out());
        }
    }
}
