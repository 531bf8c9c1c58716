package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.CTestSupport;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated C is clean under -std=c99 -Wall -Wextra -Werror -pedantic: `make host` on generated
 * projects (dense and sparse), and an object compile (no link) of every runtime kernel and of a
 * generated model + test-vector main for Cortex-M cores with arm-none-eabi-gcc.
 */
class StrictCompileTest {
    /** Cores of DESIGN.md; gcc 12 knows them all. */
    private static final List<String> CORES = List.of("cortex-m0", "cortex-m0plus", "cortex-m3", "cortex-m4", "cortex-m7",
            "cortex-m33", "cortex-m55");

    @TempDir
    Path tmp;

    @Test
    void generatedProjectsBuildForTheHostWithMake() {
        for (FormatPolicy policy : List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)) {
            Path dir = tmp.resolve(policy.name());
            GeneratedProject p = new ProjectGenerator().generate(RandomModels.random(167),
                    GenerateOptions.of(dir).withPolicy(policy));
            ProcessRunner.Result r = ProcessRunner.run(List.of(Tool.MAKE.require(), "host"), dir, Duration.ofMinutes(2));
            assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stdout().contains("-std=c99 -Wall -Wextra -Werror -pedantic "), r.stdout());
            assertTrue(r.stdout().contains(" -O2 -fPIC "), r.stdout());
            assertTrue(Files.isRegularFile(p.hostLibrary()));
        }
    }

    @Test
    void kernelsCompileCleanlyForCortexM() {
        Path rt = tmp.resolve("runtime");
        CTestSupport.copyRuntime(rt);
        for (String core : CORES) {
            List<String> cmd = armCompile(core);
            cmd.add("-I" + rt);
            for (Path src : CTestSupport.runtimeSources(rt)) {
                cmd.add(src.toString());
            }
            Path out = tmp.resolve(core);
            ProcessRunner.Result r = ProcessRunner.run(cmd, mkdirs(out), Duration.ofMinutes(2));
            assertEquals(0, r.exitCode(), core + ":\n" + r.stderr());
            assertTrue(r.stderr().isEmpty(), core + " warnings:\n" + r.stderr());
        }
    }

    @Test
    void generatedFirmwareBuildsWarningFreeWithItsMakefileForEveryQemuCoreAndTheCortexM0Plus() throws Exception {
        // b-l072z-lrwan1: the one Cortex-M0+ board (Renode only), so -mcpu=cortex-m0plus is built here too.
        for (String board : List.of("qemu-mps2-an385", "qemu-mps2-an386", "qemu-mps2-an505", "qemu-mps3-an547", "bbc-microbit",
                "b-l072z-lrwan1")) {
            Path dir = tmp.resolve("fw-" + board);
            new ProjectGenerator().generate(RandomModels.random(167),
                    GenerateOptions.of(dir).withPolicy(FormatPolicy.SPARSE).withBoard(board));
            ProcessRunner.Result r = ProcessRunner.run(List.of(Tool.MAKE.require(), "-s", "firmware"), dir, Duration.ofMinutes(3));
            assertEquals(0, r.exitCode(), board + ":\n" + r.stderr() + r.stdout());
            assertTrue(r.stderr().isEmpty(), board + " warnings:\n" + r.stderr());
            assertTrue(Files.size(dir.resolve("build/" + board + "/firmware.elf")) > 0);
            assertTrue(Files.size(dir.resolve("build/" + board + "/firmware.hex")) > 0);
        }
    }

    private static List<String> armCompile(String core) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tool.ARM_GCC.require());
        cmd.addAll(CTestSupport.STRICT);
        cmd.addAll(List.of("-O2", "-mcpu=" + core, "-mthumb", "-c"));
        return cmd;
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
