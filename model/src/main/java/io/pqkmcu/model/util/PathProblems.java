package io.pqkmcu.model.util;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Says why a path that should be a regular file is not one, so that messages name the real defect: a
 * directory, a symbolic-link loop, a link to nothing, or simply no such file.
 */
public final class PathProblems {
    private PathProblems() {}

    /** "no such file", "is a directory", "is a symbolic link loop", … (null when it is a readable regular file). */
    public static String notAFile(Path p) {
        if (Files.isRegularFile(p)) {
            return null;
        }
        if (Files.isSymbolicLink(p)) {
            String link = linkProblem(p);
            if (link != null) {
                return link;
            }
        }
        if (Files.isDirectory(p)) {
            return "is a directory, not a file";
        }
        if (Files.exists(p)) {
            return "is not a regular file (a device, FIFO or socket)";
        }
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "cannot be resolved" : "no such file";
    }

    /** The problem with a symbolic link, or null when it leads to something. */
    private static String linkProblem(Path p) {
        try {
            p.toRealPath();
            return null;
        } catch (FileSystemLoopException e) {
            return "is a symbolic link loop";
        } catch (NoSuchFileException e) {
            return "is a symbolic link to " + target(p) + ", which does not exist";
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Too many levels of symbolic links")) {
                return "is a symbolic link loop";
            }
            return "is a symbolic link that cannot be followed (" + m + ")";
        }
    }

    private static String target(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
