package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.Resampler;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavAudio;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.model.util.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Generates a keyword-spotting dataset with espeak-ng, RHVoice and/or SVOX Pico, in exactly the Google Speech Commands v2 layout:
 * <pre>
 * OUT/&lt;word&gt;/&lt;speaker&gt;_nohash_&lt;n&gt;.wav   16 kHz mono int16, exactly 1 s
 * OUT/validation_list.txt, OUT/testing_list.txt   sorted relative paths, by speaker hash
 * OUT/_background_noise_/*.wav                    white, pink, brown, hum, running tap, babble
 * OUT/synth.json, OUT/README.md                   how the set was made
 * </pre>
 *
 * <p>A speaker is an engine's voice (+ an espeak-ng variant) at a base pitch and speed; its id is 8 hex digits of the
 * hash of those parameters. Speakers are split train/validation/test with Speech Commands' own hash rule,
 * drawing speakers until each split holds its share (so tiny sets still have every split, and test
 * speakers are never heard in training). Every utterance varies speed and pitch, is resampled to 16 kHz,
 * trimmed of silence, placed at a random offset and level, and mixed with background noise at a random SNR.
 *
 * <p>Deterministic: each file depends only on the seed, its own name and the engines' versions, never on
 * thread scheduling. Every file is written atomically; lists and synth.json are written last, so an
 * interrupted run leaves no half-written file and no lists (the loader refuses such a directory).
 */
public final class SyntheticKwsGenerator {
    public static final int SAMPLE_RATE = 16000;
    public static final int CLIP_SAMPLES = 16000;
    public static final String BACKGROUND_DIR = "_background_noise_";
    public static final String VALIDATION_LIST = "validation_list.txt";
    public static final String TESTING_LIST = "testing_list.txt";
    public static final String MANIFEST = "synth.json";
    /** Present while a generation is under way or after one was interrupted. */
    public static final String INCOMPLETE_MARKER = ".synth-incomplete";

    /** Accents, in preference order; the ones this espeak-ng has (mbrola voices excluded) are used. */
    static final List<String> VOICES = List.of("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan",
            "en-gb-x-gbcwmd", "en-029", "en-us-nyc");
    /** Timbres without speaker transforms: espeak-ng's male, female and klatt variants, a creaky and a whispering one. */
    static final List<String> VARIANTS = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4",
            "f5", "klatt", "klatt2", "klatt3", "klatt4", "croak", "whisper");
    /**
     * Other languages' voices, which speak the English words with their own letter-to-sound rules and
     * phonemes (or switch to English for words their dictionaries mark as English): foreign accents.
     */
    static final List<String> ACCENT_VOICES = List.of("af", "de", "nl", "sv", "da", "nb", "fr-fr", "es", "es-419", "it",
            "pt", "pt-br", "pl", "cs", "ro", "hu", "fi", "tr", "id", "hi", "ru", "sw", "cy", "is");
    /** With accents, this share of espeak-ng's and of RHVoice's speakers uses an accent voice. */
    static final double ACCENT_SHARE = 0.3;
    /** Vocal-tract-length factors, ×1000: 0.88..1.12 in steps of 0.01 (about a child-to-adult span's middle). */
    static final int WARP_MIN = 880;
    static final int WARP_MAX = 1120;
    /** Shares of speakers heard in a reverberant room and through each non-flat channel. */
    static final double ROOM_SHARE = 0.5;
    static final double NON_FLAT_CHANNEL_SHARE = 0.6;
    static final int BABBLE_TALKERS = 6;
    /** Frame RMS below this fraction (−46 dB) of the loudest frame counts as silence when trimming a word;
     * espeak-ng pads with exact zeros, so a low threshold keeps quiet word endings such as the f of "off". */
    private static final double TRIM_THRESHOLD = 0.005;
    /** Longest word kept, leaving room to shift it inside the clip. */
    private static final int MAX_WORD_SAMPLES = CLIP_SAMPLES * 95 / 100;

    private final SynthOptions options;
    private final PrintStream progress;
    private final String espeakProgram;

    /** @param progress where to show progress (stderr for a command line), or null */
    public SyntheticKwsGenerator(SynthOptions options, PrintStream progress) {
        this(options, progress, EspeakNg.PROGRAM);
    }

    SyntheticKwsGenerator(SynthOptions options, PrintStream progress, String espeakProgram) {
        this.options = options;
        this.progress = progress;
        this.espeakProgram = espeakProgram;
    }

    /** One clip to make. */
    private record Job(String word, SynthResult.Assigned speaker, int repetition) {
        String relativePath() {
            return word + "/" + speaker.speaker().id() + "_nohash_" + repetition + ".wav";
        }
    }

    public SynthResult generate(Path out) {
        List<SynthEngine> engines = options.engines();
        // espeak-ng is always needed: it talks the background babble
        EspeakNg espeak = EspeakNg.locate(espeakProgram);
        PicoTts pico = engines.contains(SynthEngine.PICO) ? PicoTts.locate() : null;
        RhVoiceTts rhvoice = engines.contains(SynthEngine.RHVOICE) ? RhVoiceTts.locate() : null;
        String version = espeak.version();
        List<String> voices = available(VOICES, espeak.voices("en"), "English voices");
        Set<String> installedVariants = espeak.variants();
        List<String> variants = options.variety().transforms() ? List.copyOf(installedVariants)
                : available(VARIANTS, installedVariants, "voice variants");
        List<String> accents = new ArrayList<>();
        if (options.variety().accents()) {
            Set<String> all = espeak.voices("");
            for (String a : ACCENT_VOICES) {
                if (all.contains(a)) {
                    accents.add(a);
                }
            }
        }
        RhVoiceTts.Installed rhInstalled = rhvoice != null ? rhvoice.installed(options.variety().accents())
                : new RhVoiceTts.Installed(List.of(), List.of());
        List<String> rhVoices = rhInstalled.english();
        List<String> rhAccents = rhInstalled.accents();
        if (rhvoice != null && options.variety().accents() && rhAccents.isEmpty()) {
            throw new IllegalStateException("RHVoice has none of its other languages' voices for accents "
                    + RhVoiceTts.ACCENT_VOICES + "; install them with: " + RhVoiceTts.ACCENT_INSTALL_HINT);
        }
        List<SynthResult.Assigned> speakers = drawSpeakers(voices, accents, variants, rhVoices, rhAccents);
        int espeakRate = espeak.speak("en-us", 175, 50, "yes").sampleRate();
        Map<SynthEngine, Integer> engineRates = new EnumMap<>(SynthEngine.class);
        engineRates.put(SynthEngine.ESPEAK_NG, espeakRate);
        engineRates.put(SynthEngine.PICO, PicoTts.SAMPLE_RATE);
        if (rhvoice != null) {
            engineRates.put(SynthEngine.RHVOICE, rhvoice.speak(rhVoices.get(0), "yes", 100, 100).sampleRate());
        }
        java.util.concurrent.ConcurrentHashMap<String, Resampler> resamplers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Function<SynthSpeaker, Resampler> resamplerFor = s -> resamplers.computeIfAbsent(
                s.engine().key + "/" + s.warpPermille(),
                k -> new Resampler(engineRates.get(s.engine()), warpedRate(s.warpPermille())));
        Engines speech = new Engines(espeak, pico, rhvoice);

        prepareOutput(out);
        ExecutorService pool = Executors.newFixedThreadPool(options.effectiveThreads(), r -> {
            Thread t = new Thread(r, "synth-kws");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, short[]> noises = makeNoise(espeak, voices, variants, espeakRate, pool);
            for (Map.Entry<String, short[]> e : noises.entrySet()) {
                WavFile.write(out.resolve(BACKGROUND_DIR).resolve(e.getKey()), e.getValue(), SAMPLE_RATE);
            }
            ClipComposer composer = new ClipComposer(CLIP_SAMPLES, new ArrayList<>(noises.values()),
                    options.noiseProbability(), options.snrMinDb(), options.snrMaxDb());

            List<Job> jobs = jobs(speakers);
            Progress line = new Progress(progress, "synth", jobs.size(), 0, System.console() != null);
            List<Future<?>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    short[] clip = render(job, speech, resamplerFor.apply(job.speaker().speaker()), composer);
                    // no fsync per clip (it would dominate the run); the lists, written last and synced, mark completion
                    AtomicFiles.writeUnsynced(out.resolve(job.relativePath()), WavFile.toBytes(clip, SAMPLE_RATE));
                    line.step();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
            SynthResult result = summarise(out, version, speakers, jobs, noises);
            writeLists(out, jobs);
            List<String> manifestVoices = new ArrayList<>();
            if (engines.contains(SynthEngine.ESPEAK_NG)) {
                manifestVoices.addAll(voices);
                manifestVoices.addAll(accents);
            }
            if (pico != null) {
                manifestVoices.addAll(PicoTts.VOICES);
            }
            manifestVoices.addAll(rhVoices);
            manifestVoices.addAll(rhAccents);
            SynthManifest.write(out, options, result, manifestVoices,
                    engines.contains(SynthEngine.ESPEAK_NG) ? variants : List.of());
            Files.delete(out.resolve(INCOMPLETE_MARKER));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset under " + out + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- speakers and jobs

    private static List<String> available(List<String> wanted, Set<String> installed, String what) {
        List<String> usable = new ArrayList<>();
        for (String w : wanted) {
            if (installed.contains(w)) {
                usable.add(w);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalStateException("espeak-ng has none of the " + what + " the generator uses (" + wanted
                    + "); reinstall it with: " + EspeakNg.INSTALL_HINT);
        }
        return usable;
    }

    /** The synthesisers a dataset uses; those it does not use are null. */
    private record Engines(EspeakNg espeak, PicoTts pico, RhVoiceTts rhvoice) {
    }

    /**
     * Draws speakers until each split holds its share: round(speakers × percent / 100), at least one when
     * the percentage is positive. A candidate whose hash falls in a full split, or whose parameters repeat
     * an earlier speaker, is skipped. With several engines, each candidate's engine is drawn uniformly, so
     * each speaks about an equal share; with one, no draw is made (a one-engine set is as it always was).
     */
    List<SynthResult.Assigned> drawSpeakers(List<String> voices, List<String> accents, List<String> variants,
                                            List<String> rhVoices, List<String> rhAccents) {
        List<SynthEngine> engines = options.engines();
        return draw(rng -> {
            SynthEngine e = engines.size() == 1 ? engines.get(0) : engines.get(rng.nextInt(engines.size()));
            return switch (e) {
                case ESPEAK_NG -> espeakSpeaker(rng, voices, accents, variants);
                case PICO -> engineSpeaker(SynthEngine.PICO, PicoTts.VOICES, rng);
                case RHVOICE -> engineSpeaker(SynthEngine.RHVOICE, accented(rhVoices, rhAccents, rng), rng);
            };
        });
    }

    /**
     * The voices to draw one speaker from: the accent voices for {@link #ACCENT_SHARE} of the speakers when there
     * are any, else the English ones. With no accents no number is drawn, so plain sets keep their speakers.
     */
    private static List<String> accented(List<String> voices, List<String> accents, Random rng) {
        return !accents.isEmpty() && rng.nextDouble() < ACCENT_SHARE ? accents : voices;
    }

    private SynthSpeaker espeakSpeaker(Random rng, List<String> voices, List<String> accents, List<String> variants) {
        List<String> from = accented(voices, accents, rng);
        String voice = from.get(rng.nextInt(from.size()));
        String variant = variants.get(rng.nextInt(variants.size()));
        if (!options.variety().transforms()) {
            return new SynthSpeaker(voice, variant, 25 + rng.nextInt(50), 140 + rng.nextInt(60));
        }
        int pitch = 15 + rng.nextInt(70);
        int speed = 130 + rng.nextInt(80);
        return transformed(SynthEngine.ESPEAK_NG, voice, variant, pitch, speed, rng);
    }

    /**
     * A Pico or RHVoice speaker: one of the engine's English voices at a pitch and rate (sox for Pico, the
     * engine's own for RHVoice), with the same speaker transforms as espeak-ng's.
     */
    private SynthSpeaker engineSpeaker(SynthEngine engine, List<String> engineVoices, Random rng) {
        String voice = engineVoices.get(rng.nextInt(engineVoices.size()));
        int pitch = 15 + rng.nextInt(70);
        int speed = 145 + rng.nextInt(60);
        if (!options.variety().transforms()) {
            return new SynthSpeaker(engine, voice, "", pitch, speed, 1000, 0, Acoustics.Channel.FLAT);
        }
        return transformed(engine, voice, "", pitch, speed, rng);
    }

    private static SynthSpeaker transformed(SynthEngine engine, String voice, String variant, int pitch, int speed,
                                            Random rng) {
        int warp = WARP_MIN + 10 * rng.nextInt((WARP_MAX - WARP_MIN) / 10 + 1);
        int room = rng.nextDouble() < ROOM_SHARE ? 1 + rng.nextInt(1_000_000) : 0;
        Acoustics.Channel[] channels = Acoustics.Channel.values();
        Acoustics.Channel channel = rng.nextDouble() < NON_FLAT_CHANNEL_SHARE
                ? channels[1 + rng.nextInt(channels.length - 1)] : Acoustics.Channel.FLAT;
        return new SynthSpeaker(engine, voice, variant, pitch, speed, warp, room, channel);
    }

    /** The output rate that, played at 16 kHz, scales every frequency by warp / 1000 (a multiple of 50 Hz, to keep
     * the resampler's phase table small). */
    static int warpedRate(int warpPermille) {
        return (int) Math.round(SAMPLE_RATE * 1000.0 / warpPermille / 50) * 50;
    }

    private List<SynthResult.Assigned> draw(java.util.function.Function<Random, SynthSpeaker> candidate) {
        int n = options.speakers();
        Map<Split, Integer> quota = new EnumMap<>(Split.class);
        quota.put(Split.VALIDATION, share(n, options.validationPercent()));
        quota.put(Split.TEST, share(n, options.testPercent()));
        quota.put(Split.TRAIN, n - quota.get(Split.VALIDATION) - quota.get(Split.TEST));
        if (quota.get(Split.TRAIN) < 1 && options.validationPercent() + options.testPercent() < 100) {
            throw new IllegalArgumentException(n + " speakers leave none for training after validation and test; "
                    + "use more speakers");
        }
        Random rng = Seeds.random(options.seed(), "speakers");
        Set<String> ids = new HashSet<>();
        List<SynthResult.Assigned> speakers = new ArrayList<>();
        for (long attempt = 0; speakers.size() < n; attempt++) {
            if (attempt > 100_000_000L) {
                throw new IllegalStateException("could not draw " + n + " distinct speakers; use fewer speakers");
            }
            SynthSpeaker s = candidate.apply(rng);
            Split split = Split.bySpeakerHash(s.id(), options.validationPercent(), options.testPercent());
            if (quota.get(split) > 0 && ids.add(s.id())) {
                quota.put(split, quota.get(split) - 1);
                speakers.add(new SynthResult.Assigned(s, split));
            }
        }
        return speakers;
    }

    private static int share(int n, double percent) {
        return percent > 0 ? Math.max(1, (int) Math.round(n * percent / 100)) : 0;
    }

    /** Every speaker says every keyword; each unknown word goes to a seeded sample of (speaker, repetition) pairs. */
    private List<Job> jobs(List<SynthResult.Assigned> speakers) {
        List<Job> jobs = new ArrayList<>();
        for (String word : options.keywords()) {
            for (SynthResult.Assigned s : speakers) {
                for (int r = 0; r < options.repetitions(); r++) {
                    jobs.add(new Job(word, s, r));
                }
            }
        }
        for (String word : options.unknownWords()) {
            List<Job> all = new ArrayList<>();
            for (SynthResult.Assigned s : speakers) {
                for (int r = 0; r < options.repetitions(); r++) {
                    all.add(new Job(word, s, r));
                }
            }
            Collections.shuffle(all, Seeds.random(options.seed(), "unknown/" + word));
            jobs.addAll(all.subList(0, options.unknownPerWord()));
        }
        return jobs;
    }

    // ---------------------------------------------------------------- audio

    private Map<String, short[]> makeNoise(EspeakNg espeak, List<String> voices, List<String> variants, int espeakRate,
                                           ExecutorService pool) {
        int n = options.noiseSeconds() * SAMPLE_RATE;
        Map<String, Future<short[]>> pending = new LinkedHashMap<>();
        for (NoiseGenerator.Kind kind : NoiseGenerator.Kind.values()) {
            Random rng = Seeds.random(options.seed(), "noise/" + kind.fileName);
            pending.put(kind.fileName, pool.submit(() -> NoiseGenerator.generate(kind, rng, SAMPLE_RATE, n)));
        }
        List<String> talkers = new ArrayList<>();
        for (String v : voices) {
            for (String variant : variants) {
                talkers.add(v + "+" + variant);
            }
        }
        Set<String> excluded = new HashSet<>(options.keywords());
        excluded.addAll(options.unknownWords());
        short[] babble;
        try {
            // the talkers run on the pool; this thread only waits for them
            babble = new BabbleGenerator(espeak, SAMPLE_RATE, espeakRate)
                    .generate(Seeds.derive(options.seed(), "babble"), n, BABBLE_TALKERS, talkers, excluded, pool);
        } catch (Exception e) {
            throw rethrow(e);
        }
        Map<String, short[]> noises = new LinkedHashMap<>();
        for (Map.Entry<String, Future<short[]>> e : pending.entrySet()) {
            noises.put(e.getKey(), await(e.getValue()));
        }
        noises.put("babble.wav", babble);
        return noises;
    }

    private short[] render(Job job, Engines speech, Resampler resampler, ClipComposer composer) {
        SynthSpeaker s = job.speaker().speaker();
        Random rng = Seeds.random(options.seed(), "clip/" + job.relativePath());
        int speed = Math.max(80, (int) Math.round(s.speed() * (0.88 + 0.24 * rng.nextDouble())));
        int pitch = Math.max(0, Math.min(99, s.pitch() + rng.nextInt(17) - 8));
        short[] word = new short[0];
        for (int attempt = 0; attempt < 5; attempt++) {
            short[] spoken = speak(speech, s, job.word(), pitch, speed, resampler);
            word = Pcm.trimSilence(spoken, SAMPLE_RATE, TRIM_THRESHOLD);
            if (word.length <= MAX_WORD_SAMPLES) {
                break;
            }
            speed = Math.min(450, speed * 5 / 4); // too slow to fit the clip: say it faster
        }
        if (word.length == 0) {
            throw new IllegalStateException(s.engine().key + " produced only silence for '" + job.word() + "' with voice "
                    + s.voiceArgument());
        }
        if (word.length > MAX_WORD_SAMPLES) {
            throw new IllegalStateException("'" + job.word() + "' spoken by " + s.voiceArgument() + " lasts "
                    + word.length * 1000 / SAMPLE_RATE + " ms even at " + speed + " words per minute; it cannot fit a 1 s clip");
        }
        if (s.untransformed()) {
            return composer.compose(word, rng);
        }
        double[] ir = s.room() == 0 ? null : rooms.computeIfAbsent(s.room(), r -> Acoustics.impulseResponse(options.seed(), r));
        return composer.compose(word, rng, ir, s.channel());
    }

    /** One utterance at the given pitch (0..99 scale) and speed (words per minute), resampled to 16 kHz (warped). */
    private static short[] speak(Engines speech, SynthSpeaker s, String word, int pitch, int speed, Resampler resampler) {
        return switch (s.engine()) {
            case ESPEAK_NG -> speech.espeak().speak(s.voiceArgument(), speed, pitch, word, resampler);
            case PICO -> resampler.resample(speech.pico().speak(s.voice(), word,
                    (pitch - 50) * SynthSpeaker.CENTS_PER_PITCH_STEP, (double) speed / SynthSpeaker.NOMINAL_WPM));
            case RHVOICE -> {
                WavAudio a = speech.rhvoice().speak(s.voice(), word,
                        (int) Math.round(100.0 * speed / SynthSpeaker.NOMINAL_WPM),
                        (int) Math.round(100 * Math.pow(2, (pitch - 50) * SynthSpeaker.CENTS_PER_PITCH_STEP / 1200.0)));
                if (a.sampleRate() != resampler.inRate()) {
                    throw new IllegalStateException("RHVoice produced " + a.sampleRate() + " Hz audio for voice " + s.voice()
                            + ", expected " + resampler.inRate() + " Hz like its other voices");
                }
                yield resampler.resample(a.samples());
            }
        };
    }

    /** Impulse responses by room number, made once per dataset. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, double[]> rooms = new java.util.concurrent.ConcurrentHashMap<>();

    // ---------------------------------------------------------------- files

    /**
     * Creates {@code out} or empties an earlier synthetic dataset there (only with overwrite, and only a
     * directory this generator made: one holding synth.json or the incomplete-run marker).
     */
    private void prepareOutput(Path out) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new DatasetException(out + " exists and is not a directory; choose another output directory");
            }
            if (Files.isDirectory(out)) {
                List<Path> entries;
                try (Stream<Path> s = Files.list(out)) {
                    entries = s.toList();
                }
                if (!entries.isEmpty()) {
                    if (!options.overwrite()) {
                        throw new DatasetException(out + " is not empty (" + entries.size() + " entries); choose an empty "
                                + "directory or set overwrite to replace an earlier synthetic dataset");
                    }
                    if (!Files.exists(out.resolve(MANIFEST)) && !Files.exists(out.resolve(INCOMPLETE_MARKER))) {
                        throw new DatasetException("refusing to overwrite " + out + ": it holds files but no " + MANIFEST
                                + ", so it is not a synthetic dataset made by pqk; choose another directory");
                    }
                    deleteContents(out);
                }
            }
            Files.createDirectories(out.resolve(BACKGROUND_DIR));
            AtomicFiles.writeString(out.resolve(INCOMPLETE_MARKER),
                    "A synthetic dataset is being generated here (or its generation was interrupted).\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out + ": " + e.getMessage(), e);
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (!p.equals(dir)) {
                Files.delete(p);
            }
        }
    }

    private void writeLists(Path out, List<Job> jobs) {
        List<String> validation = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (Job j : jobs) {
            Split split = j.speaker().split();
            if (split == Split.VALIDATION) {
                validation.add(j.relativePath());
            } else if (split == Split.TEST) {
                test.add(j.relativePath());
            }
        }
        AtomicFiles.writeString(out.resolve(VALIDATION_LIST), lines(validation));
        AtomicFiles.writeString(out.resolve(TESTING_LIST), lines(test));
    }

    private static String lines(List<String> paths) {
        List<String> sorted = new ArrayList<>(paths);
        Collections.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (String p : sorted) {
            sb.append(p).append('\n');
        }
        return sb.toString();
    }

    private SynthResult summarise(Path out, String version, List<SynthResult.Assigned> speakers, List<Job> jobs,
                                  Map<String, short[]> noises) {
        Map<Split, Integer> perSplit = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            perSplit.put(s, 0);
        }
        Map<String, Integer> perWord = new LinkedHashMap<>();
        for (String w : options.keywords()) {
            perWord.put(w, 0);
        }
        for (String w : options.unknownWords()) {
            perWord.put(w, 0);
        }
        for (Job j : jobs) {
            perSplit.merge(j.speaker().split(), 1, Integer::sum);
            perWord.merge(j.word(), 1, Integer::sum);
        }
        return new SynthResult(out, version, List.copyOf(speakers), perSplit, perWord, List.copyOf(noises.keySet()));
    }

    // ---------------------------------------------------------------- concurrency

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the synthetic dataset", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Surfaces a worker's own exception (its message is the useful one). */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t.getMessage(), t);
    }
}
