package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.Resampler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Babble noise: several synthetic talkers reading random sentences at once, like a busy room. Each talker
 * is an independent stream of espeak-ng sentences; the streams are summed with random levels and
 * normalised like the other noises. Words of the dataset itself are left out, so babble never contains a
 * clean keyword.
 */
public final class BabbleGenerator {
    /** Ordinary filler words for babble sentences. */
    private static final List<String> VOCABULARY = List.of("the", "a", "and", "of", "to", "in", "it", "was", "for",
            "with", "as", "his", "her", "they", "we", "be", "at", "this", "had", "not", "are", "but", "from", "have",
            "what", "were", "when", "there", "can", "your", "which", "their", "said", "if", "will", "each", "about",
            "how", "them", "then", "she", "many", "some", "so", "these", "would", "other", "into", "has", "more",
            "time", "could", "very", "make", "than", "been", "its", "who", "now", "people", "made", "over", "did",
            "just", "way", "little", "long", "where", "much", "through", "years", "water", "morning", "kitchen",
            "table", "window", "garden", "coffee", "letter", "river", "market", "friday", "yesterday", "tomorrow",
            "really", "maybe", "probably", "together", "because", "never", "always", "around", "something", "nothing",
            "train", "paper", "money", "doctor", "weather", "holiday", "meeting", "children", "evening", "dinner",
            "music", "picture", "story", "question", "answer", "number", "family", "village", "mountain", "island");

    private final EspeakNg espeak;
    private final Resampler resampler;
    private final int sampleRate;

    public BabbleGenerator(EspeakNg espeak, int sampleRate, int espeakRate) {
        this.espeak = espeak;
        this.sampleRate = sampleRate;
        this.resampler = new Resampler(espeakRate, sampleRate);
    }

    /**
     * Makes {@code n} samples of babble from {@code talkers} streams, each synthesised on {@code pool}.
     *
     * @param voices   espeak-ng voice arguments to pick talkers from
     * @param excluded words that must not be spoken (the dataset's own words)
     */
    public short[] generate(long seed, int n, int talkers, List<String> voices, Collection<String> excluded,
                            ExecutorService pool) throws Exception {
        List<String> words = new ArrayList<>(VOCABULARY);
        words.removeAll(excluded);
        List<Future<double[]>> streams = new ArrayList<>();
        for (int t = 0; t < talkers; t++) {
            Random rng = Seeds.random(seed, "babble/" + t);
            streams.add(pool.submit(() -> talker(rng, n, voices, words)));
        }
        double[] mix = new double[n];
        Random levels = Seeds.random(seed, "babble/levels");
        for (Future<double[]> f : streams) {
            double[] s = f.get();
            double g = 0.5 + levels.nextDouble(); // talkers near and far
            for (int i = 0; i < n; i++) {
                mix[i] += g * s[i];
            }
        }
        return NoiseGenerator.normalise(mix);
    }

    /** One talker: sentences of 4–9 words with short pauses, starting at a random point of a sentence. */
    private double[] talker(Random rng, int n, List<String> voices, List<String> words) {
        String voice = voices.get(rng.nextInt(voices.size()));
        int pitch = 20 + rng.nextInt(60);
        int speed = 140 + rng.nextInt(60);
        double[] out = new double[n];
        int pos = -rng.nextInt(sampleRate); // enter mid-sentence, so talkers do not all start together
        int sentence = 0;
        while (pos < n) {
            StringBuilder text = new StringBuilder();
            int count = 4 + rng.nextInt(6);
            for (int k = 0; k < count; k++) {
                text.append(k == 0 ? "" : " ").append(words.get(rng.nextInt(words.size())));
            }
            short[] s = espeak.speak(voice, speed, pitch, text.toString(), resampler);
            s = Pcm.trimSilence(s, sampleRate, 0.01);
            double g = 1.0 / Math.max(1, Pcm.rms(s));
            for (int i = 0; i < s.length; i++) {
                int j = pos + i;
                if (j >= 0 && j < n) {
                    out[j] = s[i] * g;
                }
            }
            pos += s.length + rng.nextInt(sampleRate / 4);
            if (++sentence > 10_000) {
                throw new IllegalStateException("espeak-ng produced no usable speech for babble");
            }
        }
        return out;
    }
}
