package io.pqkmcu.codegen.project;

import io.pqkmcu.model.util.OutputLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Writes a generated project so that nothing is ever half-written: all files go to a temporary
 * sibling directory, which then replaces the target. A target that exists must be empty or hold an
 * earlier pqk generation (it has the {@value #MARKER} file); anything else is refused, so a typo in
 * the output path cannot wipe a user's directory. Replacing drops stale files (kernels a new format
 * choice no longer needs) and the old build/ outputs.
 *
 * <p>The replacement is two renames (DIR → .DIR.pqk-old-*, .DIR.pqk-new-* → DIR) under a lock on DIR
 * ({@link OutputLock}), so two generations never interleave. A run killed midway leaves those temporaries;
 * the next run, holding the lock, knows they are stale: it puts a previous generation back when DIR itself
 * is missing (the kill fell between the renames), then removes them.
 */
final class ProjectWriter {
    static final String MARKER = ".pqk-generated";

    private ProjectWriter() {}

    static void write(Path target, SortedMap<String, byte[]> files) {
        Path dir = target.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new IllegalArgumentException("output directory " + dir + " has no parent to write beside");
        }
        try (OutputLock lock = OutputLock.acquire(dir, "the project folder")) {
            recover(dir);
            boolean replace = checkTarget(dir);
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".pqk-new-");
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path p = tmp.resolve(f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, f.getValue());
                }
                if (replace) {
                    Path old = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".pqk-old-");
                    Files.delete(old);
                    move(dir, old);
                    move(tmp, dir);
                    deleteTree(old);
                } else {
                    if (Files.exists(dir)) {
                        Files.delete(dir); // empty, checked above
                    }
                    move(tmp, dir);
                }
                tmp = null;
            } finally {
                if (tmp != null) {
                    deleteTree(tmp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Cleans up after a run that was killed (called under the lock, so every temporary found is stale): restores
     * the previous generation if DIR is missing, then deletes the temporaries.
     */
    static void recover(Path dir) throws IOException {
        String prefix = "." + dir.getFileName() + ".pqk-";
        java.util.List<Path> olds = new java.util.ArrayList<>();
        java.util.List<Path> news = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir.getParent())) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent(), prefix + "*")) {
            for (Path p : s) {
                String rest = p.getFileName().toString().substring(prefix.length());
                if (rest.startsWith("old-") && Files.isDirectory(p)) {
                    olds.add(p);
                } else if (rest.startsWith("new-") && Files.isDirectory(p)) {
                    news.add(p);
                }
            }
        }
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            for (Path old : olds) {
                if (Files.isRegularFile(old.resolve(MARKER))) {
                    move(old, dir); // the kill fell between the two renames: the previous generation comes back
                    System.err.println("restored " + dir + " from an interrupted generation");
                    olds.remove(old);
                    break;
                }
            }
        }
        for (Path p : olds) {
            deleteTree(p);
        }
        for (Path p : news) {
            deleteTree(p);
        }
    }

    /** True when an earlier generation is to be replaced; throws when the target must not be touched. */
    private static boolean checkTarget(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output path " + dir + " is a file, not a directory");
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            if (!s.iterator().hasNext()) {
                return false;
            }
        }
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            return true;
        }
        throw new IllegalArgumentException("output directory " + dir + " is not empty and was not generated by pqk (no "
                + MARKER + " file); choose a new or empty directory");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
