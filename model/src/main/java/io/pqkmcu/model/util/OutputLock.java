package io.pqkmcu.model.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an output, so that two runs writing the same place cannot both succeed with the
 * last silently winning: the second is refused at once. The lock is an OS file lock on a small sibling file
 * {@code .NAME.lock}, which the OS releases when the process dies (kill -9 included), so a crash never
 * leaves a stale lock. The holder deletes the file before it releases the lock; a run that locked a file
 * which was deleted meanwhile sees that the path no longer holds its token and tries again, so two runs
 * never hold locks on different files for one output. A killed run's file is reused by the next.
 */
public final class OutputLock implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicLong TOKENS = new java.util.concurrent.atomic.AtomicLong();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file that guards {@code target}. */
    public static Path lockFile(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Locks {@code target} or refuses: {@code what} names the output in the message ("the model", "the project").
     *
     * @throws IllegalStateException when another process (or this one) holds the lock
     */
    public static OutputLock acquire(Path target, String what) {
        Path file = lockFile(target);
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 0; ; attempt++) {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this JVM
                }
                if (l == null) {
                    ch.close();
                    throw new IllegalStateException(what + " " + target + " is being written by another pqk run (it "
                            + "holds " + file + "); wait for it to finish or choose another output");
                }
                byte[] token = (ProcessHandle.current().pid() + ":" + System.nanoTime() + ":"
                        + TOKENS.incrementAndGet() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.wrap(token), 0);
                byte[] now = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
                if (java.util.Arrays.equals(token, now)) {
                    return new OutputLock(file, ch, l);
                }
                // the file was deleted by the previous holder after we opened it: lock the current one instead
                l.release();
                ch.close();
                if (attempt > 100) {
                    throw new IllegalStateException("cannot lock " + file + ": it keeps being replaced");
                }
            }
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the original error is the one worth reporting
                }
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file); // while still holding the lock: see the class comment
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
