package io.pqkmcu.cli;

import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsEntry;
import io.pqkmcu.trainer.data.SpeechCommands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test clips for the firmware, taken from a dataset split (evenly spaced, so every class shows up). */
final class TestClips {
    private TestClips() {}

    /** Written by pqk generate into the project: the dataset path of each embedded clip, one per line, in order. */
    static final String NAMES_FILE = "test_clips.txt";

    /** The clips {@link #from} picks, by their paths relative to the dataset root. */
    static List<String> names(Path data, Split split, int count, Int8Model model) {
        List<KwsEntry> entries = SpeechCommands.load(data, EvalCommand.taskOf(model)).split(split);
        int n = Math.min(count, entries.size());
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(entries.get((int) ((long) i * entries.size() / n)).path());
        }
        return names;
    }

    /** The names a project recorded, or an empty list when it recorded none (vectors, images, older projects). */
    static List<String> recorded(Path project) {
        Path f = project.resolve(NAMES_FILE);
        if (!java.nio.file.Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static TestInputs from(Path data, Split split, int count, Int8Model model) {
        if (model.frontEnd() == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no audio front end; --data applies to "
                    + "keyword-spotting models");
        }
        // the model's own task (12 classes, 35 words, every word folder), as eval reads it
        KwsDataset d = SpeechCommands.load(data, EvalCommand.taskOf(model));
        d.notes().forEach(n -> System.err.println("note: " + n));
        if (!d.labels().equals(model.labels())) {
            throw new IllegalArgumentException("the model's labels " + model.labels() + " differ from the dataset's "
                    + d.labels());
        }
        if (d.split(split).isEmpty()) {
            throw new IllegalArgumentException(data + " has no " + split.label() + " clips to store as test inputs");
        }
        return pick(d.split(split), count);
    }

    /** {@code count} entries spread evenly over the list (all of it when count ≥ its size). */
    static TestInputs pick(List<KwsEntry> entries, int count) {
        int n = Math.min(count, entries.size());
        List<short[]> clips = new ArrayList<>(n);
        List<Integer> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            KwsEntry e = entries.get((int) ((long) i * entries.size() / n));
            clips.add(e.load());
            labels.add(e.label());
        }
        return TestInputs.clips(clips, labels);
    }
}
