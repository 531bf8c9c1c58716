package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.Resampler;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.util.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A test stream for streaming keyword spotting: continuous background noise with words spoken by espeak-ng
 * at known times, so that a detector's output can be scored (every planted keyword found, nothing else).
 *
 * <p>Speakers are drawn like the synthetic dataset's ({@code pqk data synth}: an English accent, a variant,
 * a base pitch and speed) but only those whose id hashes into the test split, so no speaker of a model
 * trained on a synthetic set speaks in the stream. Words are placed every {@code spacingMs} (plus a seeded
 * jitter of up to a fifth of that), each at a peak level of −12..−3 dBFS, over pink noise scaled so that
 * the words' mean RMS is {@code snrDb} above the noise's. Everything is deterministic for a seed and an
 * espeak-ng version.
 */
public final class KeywordStream {
    public static final int SAMPLE_RATE = 16_000;
    /** Accents and timbres as in the synthetic dataset (the creaky and whispering variants left out). */
    static final List<String> VOICES = List.of("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us-nyc");
    static final List<String> VARIANTS = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5");
    /** The dataset's speaker split (Speech Commands: 10 % validation, 10 % test). */
    static final double VALIDATION_PERCENT = 10;
    static final double TEST_PERCENT = 10;

    /** A word in the stream: samples [start, end) hold its speech. */
    public record Planted(String word, int startSample, int endSample, String speaker) {
        public long startMs() {
            return startSample * 1000L / SAMPLE_RATE;
        }

        public long endMs() {
            return endSample * 1000L / SAMPLE_RATE;
        }
    }

    /** The stream and what was planted in it, in time order. */
    public record Result(short[] audio, List<Planted> planted) {
        public Result {
            planted = List.copyOf(planted);
        }

        /** Writes the stream as a 16 kHz mono WAV and, beside it, {@code <name>.csv}: word,start_ms,end_ms,speaker. */
        public void write(Path wav) {
            WavFile.write(wav, audio, SAMPLE_RATE);
            StringBuilder csv = new StringBuilder("word,start_ms,end_ms,speaker\n");
            for (Planted p : planted) {
                csv.append(p.word()).append(',').append(p.startMs()).append(',').append(p.endMs()).append(',')
                        .append(p.speaker()).append('\n');
            }
            String name = wav.getFileName().toString().replaceFirst("(?i)\\.wav$", "");
            AtomicFiles.write(wav.resolveSibling(name + ".csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * @param words     spoken in this order
     * @param spacingMs between word starts (at least 1500 ms, so each word has a window to itself)
     * @param snrDb     words' RMS over the noise's
     * @param seed      for speakers, levels, jitter and noise
     */
    public record Options(List<String> words, int spacingMs, double snrDb, long seed) {
        public Options {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("give at least one word to plant");
            }
            for (String w : words) {
                if (!w.matches("[a-z][a-z' -]*")) {
                    throw new IllegalArgumentException("word '" + w + "' must be lower-case letters");
                }
            }
            if (spacingMs < 1500) {
                throw new IllegalArgumentException("words must be at least 1500 ms apart, got " + spacingMs);
            }
            if (!(snrDb >= -10 && snrDb <= 60)) {
                throw new IllegalArgumentException("SNR must be in -10..60 dB, got " + snrDb);
            }
        }
    }

    private KeywordStream() {}

    /** Synthesizes the stream with the espeak-ng on PATH (a clear error names the package when it is missing). */
    public static Result synthesize(Options o) {
        EspeakNg espeak = EspeakNg.locate();
        int espeakRate = espeak.speak("en-us", 175, 50, "yes").sampleRate();
        Resampler resampler = new Resampler(espeakRate, SAMPLE_RATE);
        List<String> voices = new ArrayList<>(VOICES);
        voices.retainAll(espeak.voices("en"));
        List<String> variants = new ArrayList<>(VARIANTS);
        variants.retainAll(espeak.variants());
        if (voices.isEmpty() || variants.isEmpty()) {
            throw new IllegalStateException("espeak-ng has none of the English voices or variants the stream uses; "
                    + "reinstall it with: " + EspeakNg.INSTALL_HINT);
        }
        Random rng = new Random(o.seed());
        int spacing = o.spacingMs() * SAMPLE_RATE / 1000;
        int lead = SAMPLE_RATE; // a second of noise before the first word
        List<short[]> speech = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<SynthSpeaker> speakers = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < o.words().size(); i++) {
            SynthSpeaker s = testSpeaker(rng, voices, variants, used);
            short[] w = Pcm.trimSilence(espeak.speak(s.voiceArgument(), s.speed(), s.pitch(), o.words().get(i), resampler),
                    SAMPLE_RATE, 0.005);
            if (w.length == 0 || w.length > spacing * 3 / 5) {
                throw new IllegalStateException("espeak-ng said '" + o.words().get(i) + "' in " + w.length * 1000 / SAMPLE_RATE
                        + " ms with " + s.voiceArgument() + "; it must be shorter than 3/5 of the spacing");
            }
            double peakDb = -12 + 9 * rng.nextDouble();
            double gain = StrictMath.pow(10, peakDb / 20) * Short.MAX_VALUE / Math.max(1, Pcm.peak(w));
            short[] scaled = new short[w.length];
            for (int k = 0; k < w.length; k++) {
                scaled[k] = Pcm.saturate(w[k] * gain);
            }
            int jitter = spacing / 5 == 0 ? 0 : rng.nextInt(spacing / 5);
            speech.add(scaled);
            starts.add(lead + i * spacing + jitter);
            speakers.add(s);
        }
        int length = lead + o.words().size() * spacing + SAMPLE_RATE;
        short[] noise = NoiseGenerator.generate(NoiseGenerator.Kind.PINK, rng, SAMPLE_RATE, length);
        double speechRms = 0;
        for (short[] w : speech) {
            speechRms += Pcm.rms(w) / speech.size();
        }
        double noiseGain = speechRms / (Pcm.rms(noise) * StrictMath.pow(10, o.snrDb() / 20));
        double[] mix = new double[length];
        for (int k = 0; k < length; k++) {
            mix[k] = noise[k] * noiseGain;
        }
        List<Planted> planted = new ArrayList<>();
        for (int i = 0; i < speech.size(); i++) {
            short[] w = speech.get(i);
            int start = starts.get(i);
            for (int k = 0; k < w.length; k++) {
                mix[start + k] += w[k];
            }
            planted.add(new Planted(o.words().get(i), start, start + w.length, speakers.get(i).voiceArgument()
                    + String.format(Locale.ROOT, "/p%d/s%d", speakers.get(i).pitch(), speakers.get(i).speed())));
        }
        short[] audio = new short[length];
        for (int k = 0; k < length; k++) {
            audio[k] = Pcm.saturate(mix[k]);
        }
        return new Result(audio, planted);
    }

    /** A new speaker drawn as the dataset draws them, kept only if its id falls in the test split. */
    private static SynthSpeaker testSpeaker(Random rng, List<String> voices, List<String> variants, Set<String> used) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            SynthSpeaker s = new SynthSpeaker(voices.get(rng.nextInt(voices.size())),
                    variants.get(rng.nextInt(variants.size())), 25 + rng.nextInt(50), 140 + rng.nextInt(60));
            if (Split.bySpeakerHash(s.id(), VALIDATION_PERCENT, TEST_PERCENT) == Split.TEST && used.add(s.id())) {
                return s;
            }
        }
        throw new IllegalStateException("could not draw a test-split speaker");
    }
}
