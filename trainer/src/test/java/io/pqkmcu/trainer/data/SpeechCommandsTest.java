package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavBytes;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.data.WavFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechCommandsTest {
    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    /** yes/no keywords, bed/cat unknown words, speakers a..e; d is validation, e is test. */
    static final KwsTask TASK = KwsTask.defaults().withKeywords(List.of("yes", "no")).withPercentages(50, 50);

    @BeforeEach
    void buildTree() throws IOException {
        for (String word : List.of("yes", "no", "bed", "cat")) {
            for (String speaker : List.of("aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd", "eeeeeeee")) {
                clip(word + "/" + speaker + "_nohash_0.wav", 16000, (short) (word.length() * 100 + speaker.charAt(0)));
            }
        }
        clip("yes/aaaaaaaa_nohash_1.wav", 12000, (short) 77); // shorter than 1 s: padded
        list("validation_list.txt", "yes/dddddddd_nohash_0.wav", "no/dddddddd_nohash_0.wav", "bed/dddddddd_nohash_0.wav",
                "cat/dddddddd_nohash_0.wav");
        list("testing_list.txt", "yes/eeeeeeee_nohash_0.wav", "no/eeeeeeee_nohash_0.wav", "bed/eeeeeeee_nohash_0.wav",
                "cat/eeeeeeee_nohash_0.wav", "");
        short[] noise = new short[3 * 16000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) ((i * 7919) % 20001 - 10000);
        }
        WavFile.write(root.resolve("_background_noise_/noise.wav"), noise, 16000);
        Files.writeString(root.resolve("_background_noise_/README.md"), "not audio");
        Files.writeString(root.resolve("LICENSE"), "cc-by");
    }

    private void clip(String rel, int samples, short value) {
        short[] s = new short[samples];
        Arrays.fill(s, value);
        WavFile.write(root.resolve(rel), s, 16000);
    }

    private void list(String name, String... lines) throws IOException {
        Files.writeString(root.resolve(name), String.join("\n", lines) + "\n");
    }

    private String error(KwsTask task) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> SpeechCommands.load(root, task));
        assertTrue(e instanceof DatasetException || e instanceof WavFormatException, e.toString());
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    private static List<String> paths(List<KwsEntry> entries) {
        List<String> p = new ArrayList<>();
        for (KwsEntry e : entries) {
            p.add(e.path());
        }
        return p;
    }

    @Test
    void labelsAreSilenceUnknownThenKeywords() {
        assertEquals(List.of("_silence_", "_unknown_", "yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"),
                KwsTask.defaults().labels());
        assertEquals(List.of("_silence_", "_unknown_", "yes", "no"), SpeechCommands.load(root, TASK).labels());
    }

    @Test
    void splitsFollowTheListsAndAddUnknownAndSilenceAsTensorFlowDoes() {
        KwsDataset d = SpeechCommands.load(root, TASK);
        // train: 7 keyword clips (yes a,a1,b,c; no a,b,c) → ceil(3.5) = 4 unknown, 4 silence
        assertArrayEquals(new int[] {4, 4, 4, 3}, d.labelCounts(Split.TRAIN));
        // validation and test: 2 keyword clips each → 1 unknown, 1 silence
        assertArrayEquals(new int[] {1, 1, 1, 1}, d.labelCounts(Split.VALIDATION));
        assertArrayEquals(new int[] {1, 1, 1, 1}, d.labelCounts(Split.TEST));
        assertTrue(paths(d.validation()).contains("yes/dddddddd_nohash_0.wav"));
        assertTrue(paths(d.test()).contains("no/eeeeeeee_nohash_0.wav"));
        for (KwsEntry e : d.train()) {
            assertFalse(e.path().contains("dddddddd") || e.path().contains("eeeeeeee"), e.path());
        }
        for (KwsEntry e : d.validation()) {
            if (e.label() == KwsTask.UNKNOWN_INDEX) {
                assertTrue(e.path().matches("(bed|cat)/dddddddd_nohash_0.wav"), e.path());
            }
        }
        assertEquals(List.of(root.resolve("_background_noise_/noise.wav")), d.backgroundNoise());
        assertTrue(d.summary().contains("_unknown_"));
    }

    @Test
    void entriesLoadOneSecondClipsLazilyAndDeterministically() throws IOException {
        KwsDataset d = SpeechCommands.load(root, TASK);
        for (KwsEntry e : d.train()) {
            short[] s = e.load();
            assertEquals(16000, s.length, e.path());
            assertArrayEquals(s, e.load(), "the same samples on every load");
            if (e.path().equals("yes/aaaaaaaa_nohash_1.wav")) {
                assertEquals(77, s[11999]);
                assertEquals(0, s[12000], "short clips are zero-padded at the end");
            }
            if (e.label() == KwsTask.SILENCE_INDEX) {
                assertTrue(Pcm.peak(s) <= 10000 * 0.1 + 1, "silence is noise at ≤ 0.1 volume: " + e.path());
            }
        }
        KwsDataset again = SpeechCommands.load(root, TASK);
        assertEquals(paths(d.train()), paths(again.train()));
        for (int i = 0; i < d.train().size(); i++) {
            assertArrayEquals(d.train().get(i).load(), again.train().get(i).load());
        }
        // lazy: a file that breaks after loading the dataset is reported when its entry is read
        KwsEntry yes = d.train().stream().filter(e -> e.path().equals("yes/bbbbbbbb_nohash_0.wav")).findFirst().orElseThrow();
        Files.write(root.resolve(yes.path()), new byte[0]);
        assertContains(assertThrows(WavFormatException.class, yes::load).getMessage(), "empty (0 bytes)");
    }

    @Test
    void silenceIsNoiseCutsOrZeros() {
        KwsDataset loud = SpeechCommands.load(root, TASK.withSilence(1.0, 0.0).withPercentages(50, 100));
        int nonZero = 0;
        for (KwsEntry e : loud.train()) {
            if (e.label() == KwsTask.SILENCE_INDEX) {
                assertTrue(e.path().startsWith("_background_noise_/noise.wav@"), e.path());
                nonZero += Pcm.peak(e.load()) > 0 ? 1 : 0;
            }
        }
        assertEquals(7, nonZero);
        KwsDataset quiet = SpeechCommands.load(root, TASK.withSilence(1.0, 1.0));
        for (KwsEntry e : quiet.train()) {
            if (e.label() == KwsTask.SILENCE_INDEX) {
                assertEquals(0, Pcm.peak(e.load()));
            }
        }
    }

    @Test
    void noPercentagesMeansOnlyKeywordsAndNoNoiseNeeded() throws IOException {
        Files.delete(root.resolve("_background_noise_/noise.wav"));
        KwsDataset d = SpeechCommands.load(root, TASK.withPercentages(0, 0));
        assertArrayEquals(new int[] {0, 0, 4, 3}, d.labelCounts(Split.TRAIN));
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void rootMissingOrAFile() throws IOException {
        Path missing = root.resolve("nope");
        assertContains(assertThrows(DatasetException.class, () -> SpeechCommands.load(missing, TASK)).getMessage(),
                missing + ": no such directory");
        Path file = root.resolve("LICENSE");
        assertContains(assertThrows(DatasetException.class, () -> SpeechCommands.load(file, TASK)).getMessage(),
                file + " is not a directory");
    }

    @Test
    void noKeywordFolders() {
        assertContains(error(TASK.withKeywords(List.of("stop", "go"))), root + ": no keyword folders (stop, go) found");
    }

    @Test
    void aKeywordFolderMissing() {
        assertContains(error(TASK.withKeywords(List.of("yes", "stop"))), "keyword folder stop is missing");
    }

    @Test
    void aKeywordFolderEmpty() throws IOException {
        Files.createDirectories(root.resolve("stop"));
        assertContains(error(TASK.withKeywords(List.of("yes", "stop"))), root.resolve("stop") + ": keyword folder holds no .wav files");
    }

    @Test
    void withoutSplitListsEveryClipIsTraining() throws IOException {
        Files.delete(root.resolve("validation_list.txt"));
        Files.delete(root.resolve("testing_list.txt"));
        KwsDataset d = SpeechCommands.load(root, TASK);
        assertEquals(0, d.validation().size());
        assertEquals(0, d.test().size());
        assertEquals(11, d.train().stream().filter(e -> e.file() != null && e.label() >= 2).count());
        assertEquals(1, d.notes().size());
        assertContains(d.notes().get(0), root + " has no validation_list.txt or testing_list.txt, so every clip is "
                + "training data: there is no validation or test split");
        assertContains(d.summary(), "note: " + root + " has no validation_list.txt");
    }

    @Test
    void oneSplitListMissing() throws IOException {
        Files.delete(root.resolve("testing_list.txt"));
        KwsDataset d = SpeechCommands.load(root, TASK);
        assertEquals(0, d.test().size());
        assertEquals(2, d.validation().stream().filter(e -> e.file() != null && e.label() >= 2).count());
        assertContains(d.notes().get(0), "has no testing_list.txt, so every clip is training data: there is no test split");
        Files.createDirectories(root.resolve("testing_list.txt"));
        assertContains(error(TASK), root.resolve("testing_list.txt") + ": not a regular file");
    }

    @Test
    void listNamesAFileThatDoesNotExist() throws IOException {
        list("testing_list.txt", "yes/eeeeeeee_nohash_0.wav", "yes/ffffffff_nohash_0.wav");
        assertContains(error(TASK), root.resolve("testing_list.txt") + ":2: yes/ffffffff_nohash_0.wav does not exist under " + root);
    }

    @Test
    void listEntriesThatAreNoClipSayWhatTheyAre() throws IOException {
        Path lst = root.resolve("testing_list.txt");
        // a clip outside the root that does exist: it leaves the root, whatever is there
        WavFile.write(elsewhere.resolve("x.wav"), new short[100], 16000);
        String out = root.relativize(elsewhere.resolve("x.wav")).toString();
        list("testing_list.txt", out);
        assertContains(error(TASK), lst + ":1: " + out + " leaves the dataset root " + root);
        list("testing_list.txt", "yes/../" + out);
        assertContains(error(TASK), "leaves the dataset root");
        Files.createDirectories(root.resolve("yes/folder.wav"));
        list("testing_list.txt", "yes/folder.wav");
        assertContains(error(TASK), lst + ":1: yes/folder.wav is a directory, not a file");
        Files.createSymbolicLink(root.resolve("yes/loop.wav"), root.resolve("yes/loop.wav"));
        list("testing_list.txt", "yes/loop.wav");
        assertContains(error(TASK), lst + ":1: yes/loop.wav is a symbolic link loop");
        Files.createSymbolicLink(root.resolve("yes/gone.wav"), Path.of("nowhere.wav"));
        list("testing_list.txt", "yes/gone.wav");
        assertContains(error(TASK), lst + ":1: yes/gone.wav is a symbolic link to nowhere.wav, which does not exist");
    }

    @Test
    void unlistedEntriesThatAreNoFileAreCountedInANote() throws IOException {
        Files.createDirectories(root.resolve("yes/folder.wav"));
        Files.createSymbolicLink(root.resolve("no/loop.wav"), root.resolve("no/loop.wav"));
        KwsDataset d = SpeechCommands.load(root, TASK);
        assertEquals(List.of("2 entries named *.wav in word folders are not a readable file and skipped "
                + "(no/loop.wav is a symbolic link loop, …)"), d.notes());
    }

    @Test
    void aFolderWithoutWordsIsNamed() throws IOException {
        Path empty = Files.createDirectories(root.resolve("emptyset"));
        assertContains(assertThrows(DatasetException.class, () -> SpeechCommands.words(empty)).getMessage(),
                empty + ": no word folders");
        Files.createDirectories(empty.resolve("_background_noise_"));
        assertContains(assertThrows(DatasetException.class, () -> SpeechCommands.words(empty)).getMessage(),
                "_background_noise_ alone is only noise");
    }

    @Test
    void aClipListedInBothSplits() throws IOException {
        list("testing_list.txt", "yes/dddddddd_nohash_0.wav");
        assertContains(error(TASK), "yes/dddddddd_nohash_0.wav is also listed for validation");
    }

    @Test
    void wrongSampleRate() {
        WavFile.write(root.resolve("yes/bbbbbbbb_nohash_0.wav"), new short[8000], 8000);
        String m = error(TASK);
        assertContains(m, root.resolve("yes/bbbbbbbb_nohash_0.wav") + ": sample rate is 8000 Hz, expected 16000 Hz");
        assertContains(m, "sox");
    }

    @Test
    void stereoAndEightBit() throws IOException {
        Files.write(root.resolve("no/aaaaaaaa_nohash_0.wav"), WavBytes.pcm(16000, 2, 16, new byte[400]).bytes());
        assertContains(error(TASK), "stereo (2 channels), expected mono");
        Files.write(root.resolve("no/aaaaaaaa_nohash_0.wav"), WavBytes.pcm(16000, 1, 8, new byte[400]).bytes());
        assertContains(error(TASK), "8-bit samples, expected 16-bit PCM");
    }

    @Test
    void truncatedAndNonWavFiles() throws IOException {
        byte[] whole = WavFile.toBytes(new short[16000], 16000);
        Files.write(root.resolve("yes/cccccccc_nohash_0.wav"), Arrays.copyOf(whole, 1000));
        assertContains(error(TASK), "yes/cccccccc_nohash_0.wav: truncated: data chunk announces 32000 bytes, file holds 956");
        Files.writeString(root.resolve("yes/cccccccc_nohash_0.wav"), "<html>404 not found</html>");
        assertContains(error(TASK), "yes/cccccccc_nohash_0.wav: not a WAV file (no RIFF header)");
    }

    @Test
    void clipLongerThanOneSecondOrEmpty() {
        WavFile.write(root.resolve("no/cccccccc_nohash_0.wav"), new short[17000], 16000);
        assertContains(error(TASK), "no/cccccccc_nohash_0.wav: 17000 samples (1062 ms) is longer than a clip of 16000 samples");
        WavFile.write(root.resolve("no/cccccccc_nohash_0.wav"), new short[0], 16000);
        assertContains(error(TASK), "no/cccccccc_nohash_0.wav: holds no audio (0 samples)");
    }

    @Test
    void backgroundNoiseEmptyOrMissingWhenSilenceIsRequested() throws IOException {
        Files.delete(root.resolve("_background_noise_/noise.wav"));
        assertContains(error(TASK), root.resolve("_background_noise_") + ": holds no .wav files, but 6 _silence_ clips");
        Files.delete(root.resolve("_background_noise_/README.md"));
        Files.delete(root.resolve("_background_noise_"));
        assertContains(error(TASK), root.resolve("_background_noise_") + ": missing");
    }

    @Test
    void backgroundNoiseTooShortOrWrongRate() {
        WavFile.write(root.resolve("_background_noise_/short.wav"), new short[100], 16000);
        assertContains(error(TASK), "short.wav: 100 samples is shorter than one clip");
        WavFile.write(root.resolve("_background_noise_/short.wav"), new short[48000], 44100);
        assertContains(error(TASK), "short.wav: sample rate is 44100 Hz");
    }

    @Test
    void unknownRequestedButNoOtherWords() throws IOException {
        KwsTask all = TASK.withKeywords(List.of("yes", "no", "bed", "cat"));
        assertContains(error(all), "no word folders besides the keywords");
        assertEquals(4, SpeechCommands.load(root, all.withPercentages(0, 10)).labels().size() - 2);
    }

    @Test
    void interruptedSyntheticGeneration() throws IOException {
        Files.writeString(root.resolve(SyntheticKwsGenerator.INCOMPLETE_MARKER), "");
        assertContains(error(TASK), "interrupted synthetic generation");
    }

    @Test
    void badFilesAreFoundUpFrontOnlyWhenChecking() {
        WavFile.write(root.resolve("yes/bbbbbbbb_nohash_0.wav"), new short[10], 8000);
        error(TASK);
        KwsDataset lazy = SpeechCommands.load(root, TASK.withCheckFiles(false));
        KwsEntry bad = lazy.train().stream().filter(e -> e.path().equals("yes/bbbbbbbb_nohash_0.wav")).findFirst().orElseThrow();
        assertContains(assertThrows(WavFormatException.class, bad::load).getMessage(), "sample rate is 8000 Hz");
    }

    @Test
    void theAllWordsTaskHasOneClassPerWordAndNoSilenceOrUnknown() {
        assertEquals(List.of("bed", "cat", "no", "yes"), SpeechCommands.words(root));
        KwsDataset d = SpeechCommands.load(root, KwsTask.allWords(SpeechCommands.words(root)));
        assertEquals(List.of("bed", "cat", "no", "yes"), d.labels());
        assertEquals(4 * 3 + 1, d.train().size()); // speakers a, b, c (+ one extra yes clip)
        assertArrayEquals(new int[] {3, 3, 3, 4}, d.labelCounts(Split.TRAIN)); // label 0 is a word, not _silence_
        for (KwsEntry e : d.test()) {
            assertTrue(e.path().endsWith("eeeeeeee_nohash_0.wav"), e.path());
        }
        assertTrue(d.unknownPool(Split.TRAIN).isEmpty());
    }

    @Test
    void the35ClassTaskNamesTheWordsAVersion1StyleSetLacks() {
        assertEquals(35, KwsTask.words35().labels().size());
        assertContains(error(KwsTask.words35()), "keyword folders backward, bird, dog");
        assertThrows(IllegalArgumentException.class, () -> KwsTask.words35().withPercentages(10, 0));
    }

    @Test
    void theUnknownPoolHoldsEveryNonKeywordClipOfTheSplit() {
        KwsDataset d = SpeechCommands.load(root, TASK);
        assertEquals(List.of("bed/aaaaaaaa_nohash_0.wav", "bed/bbbbbbbb_nohash_0.wav", "bed/cccccccc_nohash_0.wav",
                "cat/aaaaaaaa_nohash_0.wav", "cat/bbbbbbbb_nohash_0.wav", "cat/cccccccc_nohash_0.wav"),
                paths(d.unknownPool(Split.TRAIN)));
        for (KwsEntry e : d.unknownPool(Split.TRAIN)) {
            assertEquals(KwsTask.UNKNOWN_INDEX, e.label());
        }
    }
}
