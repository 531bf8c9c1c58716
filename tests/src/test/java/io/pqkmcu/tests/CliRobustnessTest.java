package io.pqkmcu.tests;

import io.pqkmcu.trainer.data.WavFile;
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
                data + " has no validation examples to evaluate on");
        assertFails(CliRun.of("eval", model.toString(), "--data", data.toString()), "has no test examples");
        CliRun e = CliRun.of("eval", model.toString(), "--data", data.toString(), "--split", "TRAIN");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("/30)"), e.out());
    }
}
