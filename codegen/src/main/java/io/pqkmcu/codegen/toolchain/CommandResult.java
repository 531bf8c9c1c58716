package io.pqkmcu.codegen.toolchain;

/** What an external command did: exit code, captured output, and whether it hit its time limit. */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
