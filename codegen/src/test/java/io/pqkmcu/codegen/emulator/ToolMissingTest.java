package io.pqkmcu.codegen.emulator;

import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tools are looked up on PATH, so "not installed" is simulated by running {@link ToolMissingProbe} in
 * a child JVM whose PATH is empty.
 */
class ToolMissingTest {

    @Test
    void missingToolchainAndQemuSayWhatToInstall() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of("/usr/bin/env", "PATH=", java.toString(),
                "-cp", System.getProperty("java.class.path"), ToolMissingProbe.class.getName());
        ProcessRunner.Result r = ProcessRunner.run(cmd, null, Duration.ofMinutes(1));
        String out = r.stdout();
        assertEquals(0, r.exitCode(), "both must throw ToolMissingException:\n" + out + r.stderr());
        assertTrue(out.contains("arm-none-eabi-gcc is not installed")
                && out.contains("apt-get install -y gcc-arm-none-eabi"), out);
        assertTrue(out.contains("qemu-system-arm is not installed")
                && out.contains("apt-get install -y qemu-system-arm"), out);
    }
}
