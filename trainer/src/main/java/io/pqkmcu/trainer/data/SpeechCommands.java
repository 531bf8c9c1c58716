package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.data.WavFormatException;
import io.pqkmcu.model.data.WavHeader;
import io.pqkmcu.model.util.PathProblems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a Google Speech Commands directory (v1, v2, or a synthetic copy from
 * {@link SyntheticKwsGenerator}) into a {@link KwsTask}:
 * <ul>
 *   <li>every folder not starting with '_' is a word; its .wav files are clips;</li>
 *   <li>a clip named in validation_list.txt is validation, in testing_list.txt test, otherwise train;</li>
 *   <li>keyword folders give the keyword classes; all other words form the _unknown_ pool, of which a
 *       seeded sample of ceil(K × unknownPercentage / 100) is kept per split (K = the split's keyword clips),
 *       as TensorFlow's input_data.py does;</li>
 *   <li>ceil(K × silencePercentage / 100) _silence_ clips per split are cut from _background_noise_/*.wav at
 *       seeded offsets and volumes, or are all zeros with the task's probability.</li>
 * </ul>
 * Every problem with the directory is reported up front with the path it concerns.
 */
public final class SpeechCommands {
    public static final String BACKGROUND_DIR = SyntheticKwsGenerator.BACKGROUND_DIR;
    public static final String VALIDATION_LIST = SyntheticKwsGenerator.VALIDATION_LIST;
    public static final String TESTING_LIST = SyntheticKwsGenerator.TESTING_LIST;

    private SpeechCommands() {}

    /** A clip file found in a word folder. */
    private record Clip(String word, String relative, Path file) {}

    public static KwsDataset load(Path root, KwsTask task) {
        return load(root, task, false);
    }

    /**
     * As {@link #load(Path, KwsTask)}, but a keyword whose folder is absent is allowed (at least one must be
     * present): its class simply has no examples, and labels keep the task's numbering. For evaluating a model
     * on a set that holds only some of its words; {@link #missingKeywords} names the absent ones.
     */
    public static KwsDataset loadPresent(Path root, KwsTask task) {
        return load(root, task, true);
    }

    /** The task's keywords that have no folder under {@code root}. */
    public static List<String> missingKeywords(Path root, KwsTask task) {
        List<String> missing = new ArrayList<>();
        for (String k : task.keywords()) {
            if (!Files.isDirectory(root.resolve(k))) {
                missing.add(k);
            }
        }
        return missing;
    }

    private static KwsDataset load(Path root, KwsTask task, boolean partial) {
        try {
            return read(root, task, partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dataset under " + root + ": " + e.getMessage(), e);
        }
    }

    private static KwsDataset read(Path root, KwsTask task, boolean partial) throws IOException {
        if (!Files.exists(root)) {
            throw new DatasetException(root + ": no such directory (expected a Speech Commands dataset: one folder per "
                    + "word, validation_list.txt, testing_list.txt)");
        }
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + " is not a directory (expected a Speech Commands dataset folder; "
                    + "unpack the archive first)");
        }
        if (Files.exists(root.resolve(SyntheticKwsGenerator.INCOMPLETE_MARKER))) {
            throw new DatasetException(root + " holds an interrupted synthetic generation; generate it again with "
                    + "overwrite set");
        }
        List<String> skipped = new ArrayList<>();
        Map<String, List<Clip>> words = wordFolders(root, skipped);
        checkKeywords(root, task, words, partial);

        Map<String, Clip> clips = new HashMap<>();
        for (List<Clip> l : words.values()) {
            for (Clip c : l) {
                clips.put(c.relative(), c);
            }
        }
        Map<String, Split> listed = new HashMap<>();
        List<String> notes = new ArrayList<>();
        boolean validationListed = readList(root, VALIDATION_LIST, Split.VALIDATION, clips, listed);
        boolean testListed = readList(root, TESTING_LIST, Split.TEST, clips, listed);
        if (!validationListed || !testListed) {
            notes.add(missingListsNote(root, validationListed, testListed));
        }
        if (!skipped.isEmpty()) {
            notes.add(skipped.size() + " entr" + (skipped.size() == 1 ? "y" : "ies") + " named *.wav in word folders "
                    + (skipped.size() == 1 ? "is" : "are") + " not a readable file and skipped (" + skipped.get(0)
                    + (skipped.size() > 1 ? ", …" : "") + ")");
        }

        Map<Split, List<KwsEntry>> keywordEntries = new EnumMap<>(Split.class);
        Map<Split, List<Clip>> unknownPool = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            keywordEntries.put(s, new ArrayList<>());
            unknownPool.put(s, new ArrayList<>());
        }
        Map<String, Integer> keywordIndex = new HashMap<>();
        for (int i = 0; i < task.keywords().size(); i++) {
            keywordIndex.put(task.keywords().get(i), task.keywordLabel(i));
        }
        for (List<Clip> folder : words.values()) {
            for (Clip c : folder) {
                Split s = listed.getOrDefault(c.relative(), Split.TRAIN);
                Integer label = keywordIndex.get(c.word());
                if (label != null) {
                    keywordEntries.get(s).add(entry(label, c, task));
                } else {
                    unknownPool.get(s).add(c);
                }
            }
        }
        boolean anyUnknownWord = words.keySet().stream().anyMatch(w -> !keywordIndex.containsKey(w));
        if (task.unknownPercentage() > 0 && !anyUnknownWord) {
            throw new DatasetException(root + ": no word folders besides the keywords, so there is nothing for the "
                    + KwsTask.UNKNOWN + " class; add other words or set unknownPercentage to 0");
        }
        List<Path> noise = backgroundNoise(root, task, keywordEntries);

        Map<Split, List<KwsEntry>> splits = new EnumMap<>(Split.class);
        Map<Split, List<KwsEntry>> pools = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<KwsEntry> pool = new ArrayList<>();
            if (task.auxiliaryClasses()) {
                for (Clip c : unknownPool.get(s)) {
                    pool.add(entry(KwsTask.UNKNOWN_INDEX, c, task));
                }
            }
            pools.put(s, pool);
        }
        for (Split s : Split.values()) {
            List<KwsEntry> entries = new ArrayList<>(keywordEntries.get(s));
            int k = entries.size();
            List<Clip> pool = unknownPool.get(s);
            Collections.shuffle(pool, Seeds.random(task.seed(), "unknown/" + s.label()));
            int unknowns = Math.min(pool.size(), share(k, task.unknownPercentage()));
            List<Clip> chosen = new ArrayList<>(pool.subList(0, unknowns));
            chosen.sort((a, b) -> a.relative().compareTo(b.relative()));
            for (Clip c : chosen) {
                entries.add(entry(KwsTask.UNKNOWN_INDEX, c, task));
            }
            entries.sort((a, b) -> a.path().compareTo(b.path()));
            entries.addAll(silence(task, s, share(k, task.silencePercentage()), noise));
            splits.put(s, entries);
        }
        if (task.checkFiles()) {
            for (List<KwsEntry> entries : splits.values()) {
                checkHeaders(entries, task);
            }
        }
        return new KwsDataset(root, task, splits, pools, noise, notes);
    }

    /**
     * The word folders of a Speech Commands directory, sorted: the classes of its all-words task (30 for
     * v1, 35 for v2).
     */
    public static List<String> words(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": no such directory (expected a Speech Commands dataset)");
        }
        try {
            List<String> words = List.copyOf(wordFolders(root, new ArrayList<>()).keySet());
            if (words.isEmpty()) {
                throw new DatasetException(root + ": no word folders (a Speech Commands dataset holds one folder of .wav "
                        + "clips per word" + (Files.isDirectory(root.resolve(BACKGROUND_DIR)) ? "; " + BACKGROUND_DIR
                        + " alone is only noise" : "") + ")");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static int share(int keywordClips, double percentage) {
        return (int) Math.ceil(keywordClips * percentage / 100);
    }

    private static KwsEntry entry(int label, Clip c, KwsTask task) {
        return KwsEntry.file(label, c.relative(), c.file(), task.sampleRate(), task.clipSamples());
    }

    /** Word name → its clips sorted by file name, for every folder not starting with '_' or '.'. */
    private static Map<String, List<Clip>> wordFolders(Path root, List<String> skipped) throws IOException {
        Map<String, List<Clip>> words = new TreeMap<>();
        for (Path dir : children(root)) {
            String name = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            List<Clip> clips = new ArrayList<>();
            for (Path f : children(dir)) {
                String fn = f.getFileName().toString();
                if (!fn.startsWith(".") && fn.toLowerCase(java.util.Locale.ROOT).endsWith(".wav")) {
                    if (Files.isRegularFile(f)) {
                        clips.add(new Clip(name, name + "/" + fn, f));
                    } else {
                        skipped.add(name + "/" + fn + " " + PathProblems.notAFile(f));
                    }
                }
            }
            words.put(name, clips);
        }
        return words;
    }

    /** Directory entries sorted by name, so every run sees them in the same order. */
    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void checkKeywords(Path root, KwsTask task, Map<String, List<Clip>> words, boolean partial) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String k : task.keywords()) {
            (words.containsKey(k) ? present : missing).add(k);
        }
        if (present.isEmpty()) {
            throw new DatasetException(root + ": no keyword folders (" + String.join(", ", task.keywords())
                    + ") found" + (words.isEmpty() ? "" : "; word folders present: " + abbreviate(words.keySet()))
                    + ". Is this a Speech Commands directory?");
        }
        if (!missing.isEmpty() && !partial) {
            throw new DatasetException(root + ": keyword folder" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (missing.size() > 1 ? " are" : " is")
                    + " missing; add the recordings or leave those words out of the task's keywords");
        }
        for (String k : present) {
            if (words.get(k).isEmpty()) {
                throw new DatasetException(root.resolve(k) + ": keyword folder holds no .wav files");
            }
        }
    }

    private static String abbreviate(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + ", … (" + l.size() + " in all)";
    }

    /**
     * The dataset's own convention for a missing split list: its clips all stay in training, so that split is
     * empty. One line, saying what it means for training and for eval.
     */
    private static String missingListsNote(Path root, boolean validationListed, boolean testListed) {
        String missing = !validationListed && !testListed ? VALIDATION_LIST + " or " + TESTING_LIST
                : !validationListed ? VALIDATION_LIST : TESTING_LIST;
        String splits = !validationListed && !testListed ? "no validation or test split"
                : !validationListed ? "no validation split" : "no test split";
        String consequence = !validationListed && !testListed
                ? "training reports no validation or test accuracy, and eval can only use --split TRAIN"
                : !validationListed ? "training reports no validation accuracy, and eval --split VALIDATION is refused"
                : "training reports no test accuracy, and eval needs --split VALIDATION or TRAIN";
        return root + " has no " + missing + ", so every clip is training data: there is " + splits + " ("
                + consequence + ")";
    }

    /**
     * Reads a split list; every line must name an existing clip in a word folder, and no clip two splits.
     *
     * @return false when there is no such list (then no clip goes to that split)
     */
    private static boolean readList(Path root, String name, Split split, Map<String, Clip> clips,
                                    Map<String, Split> listed) throws IOException {
        Path list = root.resolve(name);
        if (!Files.exists(list, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Files.isRegularFile(list)) {
            throw new DatasetException(list + ": not a regular file (it should name the " + split.label()
                    + " clips, one relative path per line such as yes/0a1b2c3d_nohash_0.wav)");
        }
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String rel = lines.get(i).strip().replace('\\', '/');
            if (rel.isEmpty()) {
                continue;
            }
            String where = list + ":" + (i + 1) + ": ";
            if (!clips.containsKey(rel)) {
                throw new DatasetException(where + rel + " " + listEntryProblem(root, rel));
            }
            Split before = listed.putIfAbsent(rel, split);
            if (before != null && before != split) {
                throw new DatasetException(where + rel + " is also listed for " + before.label()
                        + "; a clip must belong to one split");
            }
        }
        return true;
    }

    /** Why a list entry names no clip: it leaves the root, is no file (and what it is instead), or is no clip. */
    private static String listEntryProblem(Path root, String rel) {
        Path base = root.toAbsolutePath().normalize();
        Path target;
        try {
            target = base.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return "is not a usable path (" + e.getReason() + ")";
        }
        if (!target.startsWith(base) || target.equals(base)) {
            return "leaves the dataset root " + root + " (entries are paths inside it, such as yes/0a1b2c3d_nohash_0.wav)";
        }
        String problem = PathProblems.notAFile(root.resolve(rel));
        if (problem == null) {
            return "is not a .wav clip in a word folder";
        }
        return problem.equals("no such file") ? "does not exist under " + root : problem;
    }

    /** The background recordings, validated; required only when silence clips are requested. */
    private static List<Path> backgroundNoise(Path root, KwsTask task, Map<Split, List<KwsEntry>> keywordEntries)
            throws IOException {
        int needed = 0;
        for (List<KwsEntry> l : keywordEntries.values()) {
            needed += share(l.size(), task.silencePercentage());
        }
        Path dir = root.resolve(BACKGROUND_DIR);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            for (Path f : children(dir)) {
                String fn = f.getFileName().toString();
                if (!fn.startsWith(".") && fn.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") && Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        }
        if (needed > 0 && files.isEmpty()) {
            throw new DatasetException(dir + ": " + (Files.isDirectory(dir) ? "holds no .wav files" : "missing")
                    + ", but " + needed + " " + KwsTask.SILENCE + " clips are cut from it; add background recordings "
                    + "or set silencePercentage to 0");
        }
        for (Path f : files) {
            WavHeader h = WavFile.readHeader(f);
            WavFile.checkKwsContract(h, f.toString(), task.sampleRate());
            if (h.frames() < task.clipSamples()) {
                throw new WavFormatException(f + ": " + h.frames() + " samples is shorter than one clip ("
                        + task.clipSamples() + "); background recordings must be at least that long");
            }
        }
        return files;
    }

    /** Silence examples of one split; each is drawn from its own seed, so they do not depend on each other. */
    private static List<KwsEntry> silence(KwsTask task, Split split, int count, List<Path> noise) {
        List<KwsEntry> out = new ArrayList<>();
        Map<Path, WavHeader> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Random rng = Seeds.random(task.seed(), "silence/" + split.label() + "/" + i);
            if (noise.isEmpty() || rng.nextDouble() < task.silenceZeroProbability()) {
                out.add(KwsEntry.zeros(KwsTask.SILENCE_INDEX, task.clipSamples()));
                continue;
            }
            Path f = noise.get(rng.nextInt(noise.size()));
            WavHeader h = headers.computeIfAbsent(f, WavFile::readHeader);
            long span = h.frames() - task.clipSamples() + 1;
            long offset = (long) (rng.nextDouble() * span);
            double volume = rng.nextDouble() * task.silenceMaxVolume();
            out.add(KwsEntry.noiseCut(KwsTask.SILENCE_INDEX, f, h, offset, volume, task.clipSamples()));
        }
        return out;
    }

    /** Reads the header of every file-backed entry: contract and length, so bad files surface now. */
    private static void checkHeaders(List<KwsEntry> entries, KwsTask task) {
        for (KwsEntry e : entries) {
            Path f = e.file();
            if (f == null) {
                continue;
            }
            WavHeader h = WavFile.readHeader(f);
            WavFile.checkKwsContract(h, f.toString(), task.sampleRate());
            KwsEntry.checkLength(f, h.frames(), task.clipSamples(), task.sampleRate());
        }
    }
}
