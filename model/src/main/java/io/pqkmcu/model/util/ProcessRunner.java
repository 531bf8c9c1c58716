package io.pqkmcu.model.util;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program with a time limit and captures its output: as bytes (tools such as espeak-ng
 * write audio to stdout) and as text (compilers, QEMU, make). The one runner of the project: codegen's
 * toolchain, emulators and flashers use it too. Safe to call from several threads at once.
 */
public final class ProcessRunner {
    private ProcessRunner() {}

    /** What a finished (or killed) process left behind: {@code output} is stdout's bytes. */
    public record Result(int exitCode, byte[] output, String stderr, boolean timedOut) {
        /** Stdout as UTF-8 text. */
        public String stdout() {
            return new String(output, StandardCharsets.UTF_8);
        }

        /** Exited 0 within its time limit. */
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** The program's absolute path if an executable of that name is on PATH (or the name is already a path). */
    public static Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The program's path, or a {@link MissingProgramException} carrying the install hint. */
    public static Path require(String program, String installHint) {
        return find(program).orElseThrow(() -> new MissingProgramException(program, installHint));
    }

    public static Result run(List<String> command, Duration timeout) {
        return run(command, null, timeout);
    }

    /** Runs {@code command} in {@code workDir} (null: this process's directory). */
    public static Result run(List<String> command, Path workDir, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        // Both pipes are drained on their own threads: a program that fills one pipe while we block on the
        // other would otherwise hang, and the time limit must hold even if the program never closes stdout.
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        boolean finished;
        try {
            p.getOutputStream().close();
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(finished ? p.exitValue() : -1, out.bytes(), new String(err.bytes(), StandardCharsets.UTF_8),
                !finished);
    }

    public static Result runChecked(List<String> command, Duration timeout) {
        return runChecked(command, null, timeout);
    }

    /**
     * Runs a command and fails unless it exits 0 in time. The message holds its stderr, and its stdout when
     * that is text (compilers and make report some errors there; espeak-ng's stdout is audio).
     */
    public static Result runChecked(List<String> command, Path workDir, Duration timeout) {
        Result r = run(command, workDir, timeout);
        if (r.timedOut()) {
            throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                    + timeout.toSeconds() + " s");
        }
        if (r.exitCode() != 0) {
            String out = isText(r.output()) ? r.stdout().strip() : "";
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + r.exitCode()
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()) + (out.isEmpty() ? "" : "\n" + out));
        }
        return r;
    }

    /** No NUL and no other control character than tab, newline, carriage return and escape (colour codes). */
    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x1B) {
                return false;
            }
        }
        return true;
    }

    /** Copies a stream to memory on its own thread. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // the process was killed; what was read so far is all there is
            }
        }

        /** Call after {@link #join()}. */
        byte[] bytes() {
            return buf.toByteArray();
        }
    }
}
