package io.pqkmcu.model.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessRunnerTest {
    @Test
    void capturesBinaryStdoutAndStderr() {
        ProcessRunner.Result r = ProcessRunner.run(List.of("sh", "-c", "printf '\\001\\377'; echo oops >&2; exit 3"),
                Duration.ofSeconds(10));
        assertArrayEquals(new byte[] {1, (byte) 0xFF}, r.output());
        assertEquals("oops\n", r.stderr());
        assertEquals(3, r.exitCode());
        assertFalse(r.timedOut());
    }

    @Test
    void checkedRunReportsFailure() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessRunner.runChecked(List.of("sh", "-c", "echo broken >&2; exit 2"), Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("exit code 2: broken"), e.getMessage());
    }

    @Test
    void checkedFailureQuotesTextualStdoutButNotBinary() {
        IllegalStateException text = assertThrows(IllegalStateException.class,
                () -> ProcessRunner.runChecked(List.of("sh", "-c", "echo 'main.c:3: error'; exit 2"), Duration.ofSeconds(10)));
        assertTrue(text.getMessage().endsWith("exit code 2\nmain.c:3: error"), text.getMessage());
        IllegalStateException binary = assertThrows(IllegalStateException.class,
                () -> ProcessRunner.runChecked(List.of("sh", "-c", "printf 'RIFF\\000\\001'; exit 2"), Duration.ofSeconds(10)));
        assertTrue(binary.getMessage().endsWith("exit code 2"), binary.getMessage());
    }

    @Test
    void runsInTheGivenDirectoryAndDecodesText(@TempDir Path dir) throws IOException {
        ProcessRunner.Result r = ProcessRunner.run(List.of("pwd"), dir, Duration.ofSeconds(10));
        assertTrue(r.ok());
        assertEquals(dir.toRealPath().toString(), r.stdout().strip());
    }

    @Test
    void killsAProgramThatOverrunsItsLimit() {
        ProcessRunner.Result r = ProcessRunner.run(List.of("sleep", "30"), Duration.ofMillis(200));
        assertTrue(r.timedOut());
    }

    @Test
    void missingProgramSaysHowToInstallIt() {
        assertTrue(ProcessRunner.find("sh").isPresent());
        MissingProgramException e = assertThrows(MissingProgramException.class,
                () -> ProcessRunner.require("no-such-program-pqk", "apt-get install -y pqk-nothing"));
        assertEquals("no-such-program-pqk is not installed; install it with: apt-get install -y pqk-nothing", e.getMessage());
    }
}
