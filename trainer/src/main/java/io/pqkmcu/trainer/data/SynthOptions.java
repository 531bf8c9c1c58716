package io.pqkmcu.trainer.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to generate a synthetic keyword-spotting dataset. Start from {@link #defaults()} and change what
 * you need with the {@code with…} methods.
 *
 * <p>Sizes: every speaker says every keyword {@code repetitions} times, so a keyword has
 * speakers × repetitions clips; each unknown word has {@code unknownPerWord} clips spread over the
 * speakers. The defaults give 10 × 300 keyword clips + 25 × 40 unknown clips = 4,000 clips.
 *
 * @param seed              master seed; the same seed and espeak-ng version give byte-identical output
 * @param speakers          number of synthetic speakers (at least 3: one per split)
 * @param repetitions       utterances of each keyword per speaker
 * @param keywords          words of the task's keyword classes, in any order
 * @param unknownWords      other words, recorded for the _unknown_ class
 * @param unknownPerWord    clips per unknown word (≤ speakers × repetitions)
 * @param validationPercent share of speakers held out for validation (Speech Commands uses 10)
 * @param testPercent       share of speakers held out for testing (Speech Commands uses 10)
 * @param noiseProbability  probability that a clip gets background noise mixed in
 * @param snrMinDb          lowest signal-to-noise ratio of mixed noise, dB
 * @param snrMaxDb          highest signal-to-noise ratio of mixed noise, dB
 * @param noiseSeconds      length of each _background_noise_ file, seconds (≥ 10)
 * @param threads           parallel espeak-ng workers; 0 means one per available core
 * @param overwrite         replace an earlier synthetic dataset in the output directory
 * @param engines           the synthesisers, each speaking an equal share of the speakers: espeak-ng (all its
 *                          English voices and variants, and other languages' voices speaking the English words as
 *                          accents), SVOX Pico and RHVoice; an engine left out of training makes a held-out set
 * @param variety           how varied the speakers are ({@link SpeakerVariety}): plain engine voices [the default],
 *                          plus accents (other languages' voices), plus speaker transforms (vocal-tract length,
 *                          room, channel). Transforms are off by default because, at the demo's training budget,
 *                          the harder set lowers the demo's own test accuracy far more than it raises accuracy on
 *                          unseen engines (README, "Unseen voices")
 */
public record SynthOptions(long seed, int speakers, int repetitions, List<String> keywords, List<String> unknownWords,
                           int unknownPerWord, double validationPercent, double testPercent, double noiseProbability,
                           double snrMinDb, double snrMaxDb, int noiseSeconds, int threads, boolean overwrite,
                           List<SynthEngine> engines, SpeakerVariety variety) {

    /** The ten keywords of the 12-class Speech Commands task. */
    public static final List<String> KEYWORDS = KwsTask.KEYWORDS;

    /** The other 25 words of Speech Commands v2. */
    public static final List<String> UNKNOWN_WORDS = List.of("backward", "bed", "bird", "cat", "dog", "eight", "five",
            "follow", "forward", "four", "happy", "house", "learn", "marvin", "nine", "one", "seven", "sheila", "six",
            "three", "tree", "two", "visual", "wow", "zero");

    /** Word names become folder names and espeak-ng input, so they are kept to plain lower-case words. */
    private static final Pattern WORD = Pattern.compile("[a-z]+('[a-z]+)?");

    public SynthOptions {
        keywords = List.copyOf(keywords);
        unknownWords = List.copyOf(unknownWords);
        if (speakers < 3) {
            throw new IllegalArgumentException("speakers must be at least 3 (train, validation and test each need one), got "
                    + speakers);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("at least one keyword is needed");
        }
        Set<String> seen = new HashSet<>();
        for (String w : concat(keywords, unknownWords)) {
            if (!WORD.matcher(w).matches()) {
                throw new IllegalArgumentException("word '" + w + "' is not a plain lower-case word (a-z, one apostrophe)");
            }
            if (!seen.add(w)) {
                throw new IllegalArgumentException("word '" + w + "' is listed twice");
            }
        }
        if (unknownPerWord < 0 || (!unknownWords.isEmpty() && unknownPerWord > speakers * repetitions)) {
            throw new IllegalArgumentException("unknownPerWord must be in 0.." + speakers * repetitions
                    + " (speakers × repetitions), got " + unknownPerWord);
        }
        // 100 % validation + test is an evaluation-only set (a held-out engine): nothing of it is for training
        if (!(validationPercent >= 0) || !(testPercent >= 0) || validationPercent + testPercent > 100) {
            throw new IllegalArgumentException("validation and test percentages must be ≥ 0 and sum to at most 100, got "
                    + validationPercent + " and " + testPercent);
        }
        if (!(noiseProbability >= 0 && noiseProbability <= 1)) {
            throw new IllegalArgumentException("noiseProbability must be in 0..1, got " + noiseProbability);
        }
        if (!(snrMinDb <= snrMaxDb)) {
            throw new IllegalArgumentException("snrMinDb (" + snrMinDb + ") must not exceed snrMaxDb (" + snrMaxDb + ")");
        }
        if (noiseSeconds < 10 || noiseSeconds > 600) {
            throw new IllegalArgumentException("noiseSeconds must be in 10..600, got " + noiseSeconds);
        }
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("at least one synthesis engine must be given");
        }
        if (new HashSet<>(engines).size() != engines.size()) {
            throw new IllegalArgumentException("an engine is listed twice: " + engines);
        }
        java.util.Objects.requireNonNull(variety, "variety");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be ≥ 0 (0 = all cores), got " + threads);
        }
    }

    /** About 4,000 clips: a demo-sized set that trains in minutes. */
    public static SynthOptions defaults() {
        return new SynthOptions(1, 100, 3, KEYWORDS, UNKNOWN_WORDS, 40, 10, 10, 0.8, 5, 30, 30, 0, false,
                List.of(SynthEngine.ESPEAK_NG), SpeakerVariety.PLAIN);
    }

    public SynthOptions withSeed(long v) {
        return new SynthOptions(v, speakers, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, engines, variety);
    }

    public SynthOptions withSpeakers(int v) {
        return new SynthOptions(seed, v, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, engines, variety);
    }

    public SynthOptions withRepetitions(int v) {
        return new SynthOptions(seed, speakers, v, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, engines, variety);
    }

    public SynthOptions withWords(List<String> keywordList, List<String> unknownList, int perUnknownWord) {
        return new SynthOptions(seed, speakers, repetitions, keywordList, unknownList, perUnknownWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, engines, variety);
    }

    public SynthOptions withNoise(double probability, double minDb, double maxDb, int seconds) {
        return new SynthOptions(seed, speakers, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, probability, minDb, maxDb, seconds, threads, overwrite, engines, variety);
    }

    public SynthOptions withSplits(double validation, double test) {
        return new SynthOptions(seed, speakers, repetitions, keywords, unknownWords, unknownPerWord, validation, test,
                noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, engines, variety);
    }

    public SynthOptions withThreads(int v) {
        return new SynthOptions(seed, speakers, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, v, overwrite, engines, variety);
    }

    public SynthOptions withOverwrite(boolean v) {
        return new SynthOptions(seed, speakers, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, v, engines, variety);
    }

    public SynthOptions withEngine(SynthEngine v) {
        return withEngines(List.of(v));
    }

    public SynthOptions withEngines(List<SynthEngine> v) {
        return new SynthOptions(seed, speakers, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, v, variety);
    }

    /** The engines' names joined by "+", e.g. "espeak-ng+rhvoice". */
    public String engineNames() {
        StringBuilder sb = new StringBuilder();
        for (SynthEngine e : engines) {
            sb.append(sb.length() == 0 ? "" : "+").append(e.key);
        }
        return sb.toString();
    }

    public SynthOptions withVariety(SpeakerVariety v) {
        return new SynthOptions(seed, speakers, repetitions, keywords, unknownWords, unknownPerWord, validationPercent,
                testPercent, noiseProbability, snrMinDb, snrMaxDb, noiseSeconds, threads, overwrite, engines, v);
    }

    /** Clips this configuration produces. */
    public int totalClips() {
        return keywords.size() * speakers * repetitions + unknownWords.size() * unknownPerWord;
    }

    /** Worker threads actually used. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
