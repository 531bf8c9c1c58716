package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Split;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A keyword-spotting dataset split into train, validation and test lists of lazily loaded entries.
 * Entries are in a fixed order (keyword and unknown clips by path, then silence); shuffle per epoch.
 */
public final class KwsDataset {
    private final Path root;
    private final KwsTask task;
    private final Map<Split, List<KwsEntry>> splits;
    private final Map<Split, List<KwsEntry>> unknownPools;
    private final List<Path> backgroundNoise;
    private final List<String> notes;

    KwsDataset(Path root, KwsTask task, Map<Split, List<KwsEntry>> splits, Map<Split, List<KwsEntry>> unknownPools,
               List<Path> backgroundNoise, List<String> notes) {
        this.root = root;
        this.task = task;
        this.splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            this.splits.put(s, List.copyOf(splits.getOrDefault(s, List.of())));
        }
        this.unknownPools = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            this.unknownPools.put(s, List.copyOf(unknownPools.getOrDefault(s, List.of())));
        }
        this.backgroundNoise = List.copyOf(backgroundNoise);
        this.notes = List.copyOf(notes);
    }

    /** Things the reader accepted but a user should know (a missing split list, skipped entries), one line each. */
    public List<String> notes() {
        return notes;
    }

    /**
     * Every non-keyword clip of a split, labelled _unknown_ (sorted by path), of which {@link #split} holds a
     * fixed sample; augmentation draws a fresh sample from it each epoch. Empty for tasks without _unknown_.
     */
    public List<KwsEntry> unknownPool(Split s) {
        return unknownPools.get(s);
    }

    public Path root() {
        return root;
    }

    public KwsTask task() {
        return task;
    }

    /** Class names in label-index order: _silence_, _unknown_, then the keywords. */
    public List<String> labels() {
        return task.labels();
    }

    public List<KwsEntry> split(Split s) {
        return splits.get(s);
    }

    public List<KwsEntry> train() {
        return split(Split.TRAIN);
    }

    public List<KwsEntry> validation() {
        return split(Split.VALIDATION);
    }

    public List<KwsEntry> test() {
        return split(Split.TEST);
    }

    /** The validated _background_noise_ recordings (16 kHz mono 16-bit, at least one clip long), for augmentation. */
    public List<Path> backgroundNoise() {
        return backgroundNoise;
    }

    /** Examples per label in a split, indexed like {@link #labels()}. */
    public int[] labelCounts(Split s) {
        int[] c = new int[labels().size()];
        for (KwsEntry e : split(s)) {
            c[e.label()]++;
        }
        return c;
    }

    /** A small table of examples per label and split, for logs. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %7s %10s %7s%n", "label", "train",
                "validation", "test"));
        int[][] counts = {labelCounts(Split.TRAIN), labelCounts(Split.VALIDATION), labelCounts(Split.TEST)};
        List<String> labels = labels();
        for (int i = 0; i < labels.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%-10s %7d %10d %7d%n", labels.get(i), counts[0][i], counts[1][i],
                    counts[2][i]));
        }
        sb.append(String.format(Locale.ROOT, "%-10s %7d %10d %7d%n", "total", train().size(), validation().size(),
                test().size()));
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}
