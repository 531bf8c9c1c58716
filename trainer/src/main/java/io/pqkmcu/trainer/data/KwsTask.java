package io.pqkmcu.trainer.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keyword-spotting task a Speech Commands directory is read into: the keyword classes plus
 * {@code _silence_} and {@code _unknown_}, and how many of those two to add. Percentages follow
 * TensorFlow's speech_commands {@code input_data.py}: a split with K keyword clips gets
 * ceil(K × unknownPercentage / 100) unknown clips and ceil(K × silencePercentage / 100) silence clips.
 *
 * @param keywords               keyword classes, in label order after _silence_ and _unknown_
 * @param unknownPercentage      _unknown_ clips per 100 keyword clips of a split
 * @param silencePercentage      _silence_ clips per 100 keyword clips of a split
 * @param seed                   seeds the unknown sample and the silence cuts (default 59185, as input_data.py)
 * @param sampleRate             required sample rate of every clip, Hz
 * @param clipSamples            clip length; shorter files are zero-padded at the end, longer ones rejected
 * @param silenceMaxVolume       silence clips are background noise scaled by a volume drawn from
 *                               [0, silenceMaxVolume] (TensorFlow's background_volume, default 0.1)
 * @param silenceZeroProbability probability that a silence clip is all zeros instead
 *                               (1 − MLPerf Tiny's background frequency 0.8)
 * @param checkFiles             validate every selected WAV header while loading, so a bad file is reported
 *                               before training starts rather than in the middle of an epoch
 * @param auxiliaryClasses       the labels start with _silence_ and _unknown_ (the 12-class task); false for
 *                               tasks whose classes are words only (the 35-class task), which then need both
 *                               percentages at 0
 */
public record KwsTask(List<String> keywords, double unknownPercentage, double silencePercentage, long seed,
                      int sampleRate, int clipSamples, double silenceMaxVolume, double silenceZeroProbability,
                      boolean checkFiles, boolean auxiliaryClasses) {

    /** The ten keywords of the 12-class Speech Commands task, in label order. */
    public static final List<String> KEYWORDS = List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");
    /** The 35 words of Speech Commands v2, alphabetical (the order torchaudio and TFDS list them in). */
    public static final List<String> WORDS_V2 = List.of("backward", "bed", "bird", "cat", "dog", "down", "eight", "five",
            "follow", "forward", "four", "go", "happy", "house", "learn", "left", "marvin", "nine", "no", "off", "on",
            "one", "right", "seven", "sheila", "six", "stop", "three", "tree", "two", "up", "visual", "wow", "yes", "zero");
    public static final String SILENCE = "_silence_";
    public static final String UNKNOWN = "_unknown_";
    public static final int SILENCE_INDEX = 0;
    public static final int UNKNOWN_INDEX = 1;

    public KwsTask {
        keywords = List.copyOf(keywords);
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("at least one keyword is needed");
        }
        Set<String> seen = new HashSet<>();
        for (String k : keywords) {
            if (k.isEmpty() || k.startsWith("_") || k.startsWith(".") || k.contains("/") || k.contains("\\")) {
                throw new IllegalArgumentException("keyword '" + k + "' cannot be a word folder name");
            }
            if (!seen.add(k)) {
                throw new IllegalArgumentException("keyword '" + k + "' is listed twice");
            }
        }
        if (!(unknownPercentage >= 0 && unknownPercentage <= 100) || !(silencePercentage >= 0 && silencePercentage <= 100)) {
            throw new IllegalArgumentException("unknown and silence percentages must be in 0..100, got "
                    + unknownPercentage + " and " + silencePercentage);
        }
        if (sampleRate <= 0 || clipSamples <= 0) {
            throw new IllegalArgumentException("sample rate and clip length must be positive");
        }
        if (!(silenceMaxVolume >= 0 && silenceMaxVolume <= 1) || !(silenceZeroProbability >= 0 && silenceZeroProbability <= 1)) {
            throw new IllegalArgumentException("silence volume and zero probability must be in 0..1");
        }
        if (!auxiliaryClasses && (unknownPercentage > 0 || silencePercentage > 0)) {
            throw new IllegalArgumentException("a task without the _silence_ and _unknown_ classes cannot sample them");
        }
    }

    /** The 12-class Speech Commands task of MLPerf Tiny: 10 keywords, 10 % unknown, 10 % silence, 16 kHz, 1 s. */
    public static KwsTask defaults() {
        return new KwsTask(KEYWORDS, 10, 10, 59185, 16000, 16000, 0.1, 0.2, true, true);
    }

    /** The 35-class task of Speech Commands v2: every word is a class; no silence, no unknown. */
    public static KwsTask words35() {
        return allWords(WORDS_V2);
    }

    /** Every given word is a class (for v1's 30 words, list its folders); no silence, no unknown. */
    public static KwsTask allWords(List<String> words) {
        return new KwsTask(words, 0, 0, 59185, 16000, 16000, 0.1, 0.2, true, false);
    }

    public KwsTask withKeywords(List<String> v) {
        return new KwsTask(v, unknownPercentage, silencePercentage, seed, sampleRate, clipSamples, silenceMaxVolume,
                silenceZeroProbability, checkFiles, auxiliaryClasses);
    }

    public KwsTask withPercentages(double unknown, double silence) {
        return new KwsTask(keywords, unknown, silence, seed, sampleRate, clipSamples, silenceMaxVolume,
                silenceZeroProbability, checkFiles, auxiliaryClasses);
    }

    public KwsTask withSeed(long v) {
        return new KwsTask(keywords, unknownPercentage, silencePercentage, v, sampleRate, clipSamples, silenceMaxVolume,
                silenceZeroProbability, checkFiles, auxiliaryClasses);
    }

    public KwsTask withSilence(double maxVolume, double zeroProbability) {
        return new KwsTask(keywords, unknownPercentage, silencePercentage, seed, sampleRate, clipSamples, maxVolume,
                zeroProbability, checkFiles, auxiliaryClasses);
    }

    public KwsTask withCheckFiles(boolean v) {
        return new KwsTask(keywords, unknownPercentage, silencePercentage, seed, sampleRate, clipSamples, silenceMaxVolume,
                silenceZeroProbability, v, auxiliaryClasses);
    }

    /** _silence_, _unknown_ (with auxiliary classes), then the keywords. */
    public List<String> labels() {
        List<String> l = new ArrayList<>();
        if (auxiliaryClasses) {
            l.add(SILENCE);
            l.add(UNKNOWN);
        }
        l.addAll(keywords);
        return List.copyOf(l);
    }

    /** Label index of keyword number {@code i}. */
    public int keywordLabel(int i) {
        return (auxiliaryClasses ? 2 : 0) + i;
    }
}
