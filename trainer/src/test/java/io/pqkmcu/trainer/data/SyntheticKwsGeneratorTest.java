package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavAudio;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.util.MissingProgramException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs espeak-ng (installed here and in CI) on a tiny set: 4 speakers, 2 keywords, 1 unknown word. */
class SyntheticKwsGeneratorTest {
    @TempDir
    static Path dir;
    static Path first;
    static SynthResult result;

    static SynthOptions tiny() {
        return SynthOptions.defaults().withSeed(7).withWords(List.of("yes", "no"), List.of("bed"), 3)
                .withSpeakers(4).withRepetitions(2).withNoise(0.8, 5, 30, 10).withThreads(2);
    }

    @BeforeAll
    static void generateOnce() {
        first = dir.resolve("a");
        result = new SyntheticKwsGenerator(tiny(), null).generate(first);
    }

    /** Every file under root, by relative path, with its bytes. */
    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static List<String> list(String name) throws IOException {
        return Files.readAllLines(first.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndOverwriteReplaces() throws IOException {
        Path second = dir.resolve("b");
        Files.createDirectories(second);
        Files.writeString(second.resolve(SyntheticKwsGenerator.MANIFEST), "{}"); // an earlier (stale) dataset
        Files.createDirectories(second.resolve("stale"));
        Files.writeString(second.resolve("stale/old_nohash_0.wav"), "x");
        // one thread instead of two: scheduling must not matter
        new SyntheticKwsGenerator(tiny().withThreads(1).withOverwrite(true), null).generate(second);
        Map<String, byte[]> a = contents(first);
        Map<String, byte[]> b = contents(second);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
    }

    @Test
    void layoutIsSpeechCommands() throws IOException {
        for (String word : List.of("yes", "no", "bed")) {
            try (Stream<Path> s = Files.list(first.resolve(word))) {
                for (Path p : s.toList()) {
                    assertTrue(p.getFileName().toString().matches("[0-9a-f]{8}_nohash_[0-9]+\\.wav"), p.toString());
                    assertEquals(SyntheticKwsGenerator.CLIP_SAMPLES, WavFile.readKwsClip(p, 16000).length);
                }
            }
        }
        assertEquals(8, result.clipsPerWord().get("yes"));
        assertEquals(3, result.clipsPerWord().get("bed"));
        assertEquals(19, result.totalClips());
        assertEquals(6, result.noiseFiles().size());
        for (String f : result.noiseFiles()) {
            WavAudio a = WavFile.read(first.resolve(SyntheticKwsGenerator.BACKGROUND_DIR).resolve(f));
            assertEquals(16000, a.sampleRate());
            assertTrue(a.frames() >= 10 * 16000, f);
            assertTrue(Pcm.rms(a.samples()) > 1000, f + " is not silent");
        }
        assertTrue(Files.isRegularFile(first.resolve("synth.json")));
        assertTrue(Files.readString(first.resolve("synth.json")).contains("\"espeakNgVersion\": \"" + result.espeakVersion()));
        assertTrue(Files.isRegularFile(first.resolve("README.md")));
        assertFalse(Files.exists(first.resolve(SyntheticKwsGenerator.INCOMPLETE_MARKER)));
        try (Stream<Path> s = Files.walk(first)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp files left behind");
        }
    }

    @Test
    void keywordClipsAreNotSilent() throws IOException {
        try (Stream<Path> s = Files.list(first.resolve("yes"))) {
            for (Path p : s.toList()) {
                short[] x = WavFile.readKwsClip(p, 16000);
                assertTrue(Pcm.peak(x) > 2000, p + " peak " + Pcm.peak(x));
            }
        }
    }

    @Test
    void listsAreSortedExistAndSplitBySpeaker() throws IOException {
        List<String> validation = list(SyntheticKwsGenerator.VALIDATION_LIST);
        List<String> testing = list(SyntheticKwsGenerator.TESTING_LIST);
        assertFalse(validation.isEmpty());
        assertFalse(testing.isEmpty());
        for (List<String> l : List.of(validation, testing)) {
            List<String> sorted = new ArrayList<>(l);
            java.util.Collections.sort(sorted);
            assertEquals(sorted, l);
            for (String rel : l) {
                assertTrue(Files.isRegularFile(first.resolve(rel)), rel);
            }
        }
        Map<String, Split> bySpeaker = new HashMap<>();
        for (SynthResult.Assigned a : result.speakers()) {
            bySpeaker.put(a.speaker().id(), a.split());
            // the split is Speech Commands' own hash rule, so a re-derivation from file names agrees
            assertEquals(Split.bySpeakerHash(a.speaker().id(), 10, 10), a.split());
        }
        Set<String> valSpeakers = speakers(validation);
        Set<String> testSpeakers = speakers(testing);
        Set<String> trainSpeakers = new HashSet<>();
        try (Stream<Path> s = Files.walk(first)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".wav") && p.getFileName().toString().contains("_nohash_"))
                    .toList()) {
                String rel = first.relativize(p).toString();
                if (!validation.contains(rel) && !testing.contains(rel)) {
                    trainSpeakers.add(speaker(rel));
                }
            }
        }
        assertDisjoint(valSpeakers, testSpeakers);
        assertDisjoint(valSpeakers, trainSpeakers);
        assertDisjoint(testSpeakers, trainSpeakers);
        for (String id : valSpeakers) {
            assertEquals(Split.VALIDATION, bySpeaker.get(id));
        }
        for (String id : testSpeakers) {
            assertEquals(Split.TEST, bySpeaker.get(id));
        }
    }

    private static String speaker(String rel) {
        String name = rel.substring(rel.indexOf('/') + 1);
        return name.substring(0, name.indexOf("_nohash_"));
    }

    private static Set<String> speakers(List<String> rels) {
        Set<String> s = new HashSet<>();
        for (String r : rels) {
            s.add(speaker(r));
        }
        return s;
    }

    private static void assertDisjoint(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        assertTrue(both.isEmpty(), "speakers in two splits: " + both);
    }

    @Test
    void loadsThroughTheSpeechCommandsLoader() throws IOException {
        KwsDataset d = SpeechCommands.load(first, KwsTask.defaults().withKeywords(List.of("yes", "no")));
        assertEquals(List.of("_silence_", "_unknown_", "yes", "no"), d.labels());
        int listed = list(SyntheticKwsGenerator.VALIDATION_LIST).size() + list(SyntheticKwsGenerator.TESTING_LIST).size();
        int keywordClips = 0;
        for (Split s : Split.values()) {
            int[] c = d.labelCounts(s);
            keywordClips += c[2] + c[3];
            assertEquals((int) Math.ceil((c[2] + c[3]) * 0.1), c[0], "silence in " + s);
            for (KwsEntry e : d.split(s)) {
                assertEquals(16000, e.load().length);
            }
        }
        assertEquals(16, keywordClips);
        assertTrue(listed > 0);
        assertEquals(6, d.backgroundNoise().size());
    }

    @Test
    void refusesANonEmptyDirectoryWithoutOverwrite() throws IOException {
        Path out = dir.resolve("busy");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        DatasetException e = assertThrows(DatasetException.class, () -> new SyntheticKwsGenerator(tiny(), null).generate(out));
        assertTrue(e.getMessage().contains(out + " is not empty"), e.getMessage());
        DatasetException e2 = assertThrows(DatasetException.class,
                () -> new SyntheticKwsGenerator(tiny().withOverwrite(true), null).generate(out));
        assertTrue(e2.getMessage().contains("refusing to overwrite"), e2.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void missingEspeakSaysHowToInstallIt() {
        MissingProgramException e = assertThrows(MissingProgramException.class,
                () -> new SyntheticKwsGenerator(tiny(), null, "/nonexistent/espeak-ng").generate(dir.resolve("never")));
        assertEquals("espeak-ng is not installed; install it with: apt-get install -y espeak-ng", e.getMessage());
        assertFalse(Files.exists(dir.resolve("never")));
    }
}
