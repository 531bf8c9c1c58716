package io.pqkmcu.tests;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.util.OutputLock;
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

/** Inputs a new user meets: odd but valid datasets are accepted with a note, the rest refused with one line. */
class CliRobustnessTest {
    @TempDir
    Path tmp;

    /** A tiny three-word dataset (tones per word); speaker 8 is validation and 9 test when lists are written. */
    static Path tinyKws(Path root, boolean lists, String... words) throws IOException {
        List<String> val = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int w = 0; w < words.length; w++) {
            for (int s = 0; s < 10; s++) {
                String rel = words[w] + "/spk" + s + "_nohash_0.wav";
                short[] clip = new short[16000];
                for (int i = 3000; i < 13000; i++) {
                    clip[i] = (short) ((1500 + 100 * s) * Math.sin(2 * Math.PI * (250 + 400 * w + 7 * s) * i / 16000));
                }
                WavFile.write(root.resolve(rel), clip, 16000);
                (s == 8 ? val : s == 9 ? test : new ArrayList<String>()).add(rel);
            }
        }
        if (lists) {
            Files.writeString(root.resolve("validation_list.txt"), String.join("\n", val) + "\n");
            Files.writeString(root.resolve("testing_list.txt"), String.join("\n", test) + "\n");
        }
        return root;
    }

    static void assertFails(CliRun r, String expected) {
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(expected), "stderr should mention '" + expected + "':\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    static CliRun tinyTrain(Path data, Path model, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--task", "all", "--arch",
                "ds-cnn-tiny", "--phase1-steps", "4", "--phase2-steps", "2", "--batch", "8", "--threads", "1",
                "--out", model.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aDatasetWithoutSplitListsTrainsOnEveryClipAndEvalRefusesTheEmptySplits() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), false, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("m.pqkm");
        CliRun r = tinyTrain(data, model);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("note: " + data + " has no validation_list.txt or testing_list.txt, so every clip "
                + "is training data"), r.out());
        assertTrue(r.out().contains("total           30          0       0"), r.out());
        assertTrue(r.out().contains("test accuracy: float (fake-quant student) n/a, teacher n/a, int8 n/a"), r.out());
        assertFails(CliRun.of("eval", model.toString(), "--data", data.toString(), "--split", "VALIDATION"),
                data + ": the validation split is empty; nothing to evaluate");
        assertFails(CliRun.of("eval", model.toString(), "--data", data.toString()), data + ": the test split is empty");
        CliRun e = CliRun.of("eval", model.toString(), "--data", data.toString(), "--split", "TRAIN");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("/30)"), e.out());
    }

    @Test
    void fewerThanTwoClassesAreRefusedByTrainEvalAndGenerate() throws IOException {
        Path one = tinyKws(tmp.resolve("one"), true, "alpha");
        assertFails(tinyTrain(one, tmp.resolve("m.pqkm")), "only 1 class (alpha); a classifier needs at least two");
        assertFalse(Files.exists(tmp.resolve("m.pqkm")));
        Path model = tmp.resolve("one.pqkm");
        ModelFile.write(RandomModels.random(3, 49, 10, 1, 1, FrontEndConfig.mfccDefault()), model);
        assertFails(CliRun.of("eval", model.toString(), "--data", one.toString()),
                model + ": the model has 1 class (class_0); a classifier needs at least two");
        assertFails(CliRun.of("generate", model.toString(), "--out", tmp.resolve("p").toString()),
                "a classifier needs at least two");
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    private Path modelWithFrontEnd(FrontEndConfig fe) {
        Int8Model m = RandomModels.random(3, fe.frames(), fe.featuresPerFrame(), 1, 3, null);
        Path model = tmp.resolve("fe.pqkm");
        ModelFile.write(new Int8Model(m.name(), List.of("alpha", "bravo", "charlie"), fe, m.tensors(), m.ops(),
                m.inputId(), m.outputId(), m.metadata()), model);
        return model;
    }

    @Test
    void frontEndSettingsAreCheckedWhenTheModelIsRead() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        FrontEndConfig d = FrontEndConfig.mfccDefault();
        // 128 mel bands over 20..4000 Hz with a 512-point FFT: the lowest bands hold no FFT bin
        Path model = modelWithFrontEnd(new FrontEndConfig(d.type(), d.sampleRate(), d.clipSamples(), d.windowSamples(),
                d.strideSamples(), d.fftSize(), 128, d.lowHz(), d.highHz(), d.coefficients()));
        for (String[] args : List.of(new String[] {"eval", model.toString(), "--data", data.toString()},
                new String[] {"generate", model.toString(), "--out", tmp.resolve("p").toString()})) {
            CliRun r = CliRun.of(args);
            assertFails(r, model + ": invalid front-end settings: melBins 128: mel band 4");
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    @Test
    void evalReadsClipsAtTheModelsClipLength() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        FrontEndConfig d = FrontEndConfig.mfccDefault();
        Path model = modelWithFrontEnd(new FrontEndConfig(d.type(), d.sampleRate(), 15990, d.windowSamples(),
                d.strideSamples(), d.fftSize(), d.melBins(), d.lowHz(), d.highHz(), d.coefficients()));
        CliRun e = CliRun.of("eval", model.toString(), "--data", data.toString());
        assertFails(e, data.resolve("alpha/spk0_nohash_0.wav") + ": 16000 samples (1000 ms) is longer than a clip of 15990");
        assertFalse(e.err().contains("Exception"), e.err());
    }

    @Test
    void resumeRefusesACheckpointOfOtherDataOrFeatures() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("m.pqkm");
        assertEquals(0, tinyTrain(data, model).exitCode());
        assertTrue(Files.exists(tmp.resolve("m.ckpt")));
        byte[] before = Files.readAllBytes(model);
        CliRun r = tinyTrain(data, model, "--resume", "--features", "LOG_MEL");
        assertFails(r, "the checkpoint was made with different settings (");
        assertTrue(r.err().contains("checkpoint input=49x10x1, now input=49x40x1"), r.err());
        assertTrue(r.err().contains("frontEnd=FrontEndConfig[type=MFCC"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)), "the model is left as it was");
        assertFails(tinyTrain(data, model, "--resume", "--augment"), "now train=augmented");
        CliRun same = tinyTrain(data, model, "--resume");
        assertEquals(0, same.exitCode(), same.err());
    }

    @Test
    void trainWithCmnWritesACmnModelWhoseProjectCompilesTheNormalisation() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("m.pqkm");
        CliRun t = tinyTrain(data, model, "--cmn");
        assertEquals(0, t.exitCode(), t.err());
        assertEquals(FrontEndConfig.Normalization.CMN, ModelFile.read(model).frontEnd().normalization());
        // the checkpoint's data settings name the normalisation: resuming without it is refused
        CliRun r = tinyTrain(data, model, "--resume");
        assertFails(r, "the checkpoint was made with different settings (");
        assertTrue(r.err().contains("normalization=CMN"), r.err());
        CliRun same = tinyTrain(data, model, "--resume", "--feature-normalization", "CMN");
        assertEquals(0, same.exitCode(), same.err());
        CliRun g = CliRun.of("generate", model.toString(), "--data", data.toString(), "--out", tmp.resolve("p").toString());
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(Files.readString(tmp.resolve("p/Makefile")).contains(" -DPQK_FRONTEND_CMN=1"));
    }

    @Test
    void aSecondTrainingOnTheSameOutputIsRefusedAndAKilledRunsTempFilesGo() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("m.pqkm");
        try (OutputLock other = OutputLock.acquire(model, "the model")) {
            assertFails(tinyTrain(data, model), "the model " + model + " is being written by another pqk run");
        }
        try (OutputLock other = OutputLock.acquire(tmp.resolve("m.ckpt"), "the checkpoint")) {
            assertFails(tinyTrain(data, model, "--resume"), "the checkpoint " + tmp.resolve("m.ckpt")
                    + " is being written by another pqk run");
        }
        assertFalse(Files.exists(model));
        // what kill -9 during a checkpoint or model write leaves behind
        Files.writeString(tmp.resolve(".m.ckpt.4711.tmp"), "partial");
        Files.writeString(tmp.resolve(".m.pqkm.4712.tmp"), "partial");
        Files.writeString(tmp.resolve(".other.ckpt.1.tmp"), "not ours");
        assertEquals(0, tinyTrain(data, model).exitCode());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(".other.ckpt.1.tmp", "d", "m.ckpt", "m.history.csv", "m.history.svg", "m.pqkm"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void generateTakesTestClipsInTheModelsOwnTask() throws IOException {
        Path data = tinyKws(tmp.resolve("d"), true, "alpha", "bravo", "charlie");
        Path model = tmp.resolve("all.pqkm");
        CliRun t = tinyTrain(data, model); // --task all: alpha, bravo, charlie
        assertEquals(0, t.exitCode(), t.err());
        // the two counts say what they count: kernel weights at the start, weights + biases at the end
        Int8Model m = ModelFile.read(model);
        long weights = m.ops().stream().filter(o -> o.weights() != null).mapToLong(o -> o.weights().data().length).sum();
        assertTrue(t.out().contains("ds-cnn-tiny: " + weights + " weights (convolution and fully connected kernels; "
                + "biases not counted)"), t.out());
        assertTrue(t.out().contains("(" + m.parameterCount() + " parameters: kernel weights and biases, sparsity"), t.out());
        CliRun g = CliRun.of("generate", model.toString(), "--data", data.toString(), "--out", tmp.resolve("p").toString());
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(g.out().contains("(3 test inputs) beside the model"), g.out());
    }
}
