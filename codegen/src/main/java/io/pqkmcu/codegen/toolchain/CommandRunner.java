package io.pqkmcu.codegen.toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs external programs with a time limit, capturing their output. */
public final class CommandRunner {
    private CommandRunner() {}

    public static CommandResult run(List<String> command, Path workDir, Duration timeout) {
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
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            p.getOutputStream().close();
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new CommandResult(finished ? p.exitValue() : -1, out.join(), err.join(), !finished);
    }

    /** Runs a command and fails with its output in the message when it does not exit 0. */
    public static CommandResult runChecked(List<String> command, Path workDir, Duration timeout) {
        CommandResult r = run(command, workDir, timeout);
        if (r.timedOut()) {
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + r.exitCode()
                    + ":\n" + r.stderr() + r.stdout());
        }
        return r;
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
