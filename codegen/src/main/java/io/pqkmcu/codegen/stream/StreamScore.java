package io.pqkmcu.codegen.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores detections against the words planted in a stream (a {@code word,start_ms,end_ms[,speaker]} CSV as
 * {@code io.pqkmcu.trainer.data.KeywordStream} writes it). A detection finds a planted word when it names that word and its window
 * overlaps the word: it ends after the word starts and no later than a window length after the word ends, plus
 * the delay smoothing adds ({@code smoothing − 1} hops). Each detection finds at most one word; detections that
 * find none are false alarms (including a word taken for another).
 */
public final class StreamScore {
    /** A planted word by class name and time span. */
    public record Word(String word, long startMs, long endMs) {}

    /** @param missed planted words no detection found, in time order */
    public record Result(int planted, int found, List<Word> missed, List<Detection> falseAlarms) {
        public boolean perfect() {
            return missed.isEmpty() && falseAlarms.isEmpty();
        }
    }

    private StreamScore() {}

    public static Result score(List<Word> planted, List<Detection> detections, List<String> labels, int windowMs,
                               int hopMs, int smoothingWindows) {
        boolean[] used = new boolean[detections.size()];
        List<Word> missed = new ArrayList<>();
        for (Word w : planted) {
            int label = labels.indexOf(w.word());
            boolean found = false;
            for (int i = 0; i < detections.size() && !found; i++) {
                Detection d = detections.get(i);
                if (!used[i] && d.label() == label && d.timeMs() > w.startMs()
                        && d.timeMs() <= w.endMs() + windowMs + (long) (smoothingWindows - 1) * hopMs) {
                    used[i] = true;
                    found = true;
                }
            }
            if (!found) {
                missed.add(w);
            }
        }
        List<Detection> falseAlarms = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i]) {
                falseAlarms.add(detections.get(i));
            }
        }
        return new Result(planted.size(), planted.size() - missed.size(), missed, falseAlarms);
    }

    /** Reads a planted-words CSV: a header line, then {@code word,start_ms,end_ms[,...]} per line. */
    public static List<Word> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        List<Word> words = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",");
            try {
                words.add(new Word(f[0].trim(), Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected word,start_ms,end_ms, got '"
                        + lines.get(i) + "'", e);
            }
        }
        return words;
    }

    /** The CSV text {@link #read} reads back. */
    public static String csv(List<Word> words) {
        StringBuilder s = new StringBuilder("word,start_ms,end_ms\n");
        for (Word w : words) {
            s.append(w.word()).append(',').append(w.startMs()).append(',').append(w.endMs()).append('\n');
        }
        return s.toString();
    }
}
