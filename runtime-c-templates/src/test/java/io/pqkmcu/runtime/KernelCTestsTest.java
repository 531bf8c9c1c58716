package io.pqkmcu.runtime;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The C kernel tests beside the kernels ({@code src/test/c/*_test.c}, one per kernel, as TFLM keeps
 * {@code kernels/<op>_test.cc}): each is compiled with the host gcc together with every runtime source, under
 * AddressSanitizer and UndefinedBehaviorSanitizer with warnings as errors, and run; a failing check, a
 * sanitizer report or a crash fails its test with the program's output.
 *
 * <p>The host build takes the plain C paths (no {@code __ARM_FEATURE_DSP} on x86); the flags undefine the
 * DSP and saturation feature macros explicitly, so the plain path is what is tested on any host. The DSP
 * paths run on QEMU in {@code KernelPathsOnQemuTest} (tests module). Every test runs twice: with the default
 * build (every requantization loop compiled) and with {@code -DPQK_REQUANT_MODES=1}, the general path only,
 * as a generated project whose layers need nothing else compiles it: then every layer takes the fallback to
 * the general requantization, which must give the same outputs. Without gcc the tests are skipped, with
 * that reason.
 */
class KernelCTestsTest {
    private static final Path RUNTIME = Path.of("src/main/resources/io/pqkmcu/runtime/c");
    private static final Path TESTS = Path.of("src/test/c");
    private static final Path BUILD = Path.of("target/c-tests");
    private static final String CC = System.getProperty("pqk.hostCc", "gcc");
    static final List<String> FLAGS = List.of("-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O2", "-g",
            "-fno-omit-frame-pointer", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
            "-U__ARM_FEATURE_DSP", "-U__ARM_FEATURE_SAT");
    private static final long TIMEOUT_SECONDS = 120;

    /** A build of the runtime and the tests: a name for the test report and its extra defines. */
    record Config(String name, List<String> defines) {}

    static final List<Config> CONFIGS = List.of(new Config("default", List.of()),
            new Config("PQK_REQUANT_MODES=1", List.of("-DPQK_REQUANT_MODES=1")));

    @TestFactory
    Stream<DynamicTest> everyKernelTestPassesUnderTheSanitizers() throws IOException {
        if (!gccAvailable()) {
            // one skipped test with the reason (an assumption in the factory itself would report no test at all)
            String reason = "host C compiler '" + CC + "' not found on the PATH: the C kernel tests (src/test/c) "
                    + "are skipped (set -Dpqk.hostCc=... to use another gcc-compatible compiler)";
            System.out.println("SKIPPED: " + reason);
            return Stream.of(DynamicTest.dynamicTest("C kernel tests", () -> Assumptions.abort(reason)));
        }
        List<Path> tests;
        try (Stream<Path> s = Files.list(TESTS)) {
            tests = s.filter(p -> p.getFileName().toString().endsWith("_test.c")).sorted().toList();
        }
        assertFalse(tests.isEmpty(), "no *_test.c under " + TESTS.toAbsolutePath());
        List<DynamicTest> all = new ArrayList<>();
        for (Config config : CONFIGS) {
            List<Path> objects = compileRuntime(config);
            for (Path t : tests) {
                all.add(DynamicTest.dynamicTest(t.getFileName() + " [" + config.name() + "]",
                        () -> runTest(t, config, objects)));
            }
        }
        return all.stream();
    }

    /** Every runtime source compiled once per config with the test flags (the tests link them all). */
    private static List<Path> compileRuntime(Config config) throws IOException {
        Path objDir = BUILD.resolve(config.name().replace('=', '_')).resolve("obj");
        Files.createDirectories(objDir);
        List<Path> sources;
        try (Stream<Path> s = Files.list(RUNTIME)) {
            sources = s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
        }
        List<Path> objects = new ArrayList<>();
        for (Path src : sources) {
            Path obj = objDir.resolve(src.getFileName().toString().replace(".c", ".o"));
            List<String> cmd = new ArrayList<>(List.of(CC));
            cmd.addAll(FLAGS);
            cmd.addAll(config.defines());
            cmd.addAll(List.of("-I" + RUNTIME, "-c", src.toString(), "-o", obj.toString()));
            Result r = run(cmd);
            if (r.exit() != 0) {
                fail("runtime source " + src.getFileName() + " does not compile with the test flags ["
                        + config.name() + "]:\n"
                        + String.join(" ", cmd) + "\n" + r.output());
            }
            objects.add(obj);
        }
        return objects;
    }

    private static void runTest(Path test, Config config, List<Path> objects) throws IOException {
        String name = test.getFileName().toString().replace(".c", "");
        Path exe = BUILD.resolve(config.name().replace('=', '_')).resolve(name);
        List<String> cmd = new ArrayList<>(List.of(CC));
        cmd.addAll(FLAGS);
        cmd.addAll(config.defines());
        cmd.addAll(List.of("-I" + RUNTIME, "-I" + TESTS, test.toString()));
        objects.forEach(o -> cmd.add(o.toString()));
        cmd.addAll(List.of("-o", exe.toString()));
        Result build = run(cmd);
        if (build.exit() != 0) {
            fail(test.getFileName() + " [" + config.name() + "] does not compile:\n" + String.join(" ", cmd) + "\n"
                    + build.output());
        }
        Result r = run(List.of(exe.toAbsolutePath().toString()));
        System.out.print(r.output());
        if (r.exit() != 0) {
            fail(test.getFileName() + " [" + config.name() + "] failed (exit " + r.exit() + "):\n" + r.output());
        }
    }

    private static boolean gccAvailable() {
        try {
            return run(List.of(CC, "--version")).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    record Result(int exit, String output) {}

    /** Runs cmd with its output in a file (so a hung program cannot block the read), at most the timeout. */
    static Result run(List<String> cmd) throws IOException {
        Files.createDirectories(BUILD);
        Path log = Files.createTempFile(BUILD, "run", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0");
            pb.environment().put("UBSAN_OPTIONS", "print_stacktrace=1");
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted", e);
            }
            if (!done) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return done ? new Result(p.exitValue(), out)
                    : new Result(-1, out + "\n(killed after " + TIMEOUT_SECONDS + " s)");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
