package io.pqkmcu.codegen;

import io.pqkmcu.codegen.project.Kernel;
import io.pqkmcu.codegen.render.RuntimeResources;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: copies the C runtime out of the classpath and builds and runs small C programs. */
public final class CTestSupport {
    /** Every file of the C kernel runtime (runtime-c-templates/.../c, front end excepted): headers, kernels, support. */
    public static final List<String> RUNTIME_FILES = runtimeFiles();

    private static List<String> runtimeFiles() {
        java.util.TreeSet<String> files = new java.util.TreeSet<>(Kernel.PUBLIC_HEADERS);
        files.addAll(Kernel.INTERNAL_HEADERS);
        for (Kernel k : Kernel.values()) {
            if (k.external()) {
                continue; // CMSIS-NN: the user's, not ours
            }
            files.add(k.sourceFile());
            for (Kernel.Support s : k.support) {
                files.add(s.sourceFile());
            }
        }
        return List.copyOf(files);
    }
    public static final List<String> STRICT = List.of("-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic");
    public static final List<String> SANITIZE = List.of("-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-g");

    private CTestSupport() {}

    public static void copyRuntime(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : RUNTIME_FILES) {
                Files.write(dir.resolve(f), RuntimeResources.bytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> runtimeSources(Path dir) {
        List<Path> out = new ArrayList<>();
        for (String f : RUNTIME_FILES) {
            if (f.endsWith(".c")) {
                out.add(dir.resolve(f));
            }
        }
        return out;
    }

    /** Compiles an executable with strict flags (plus extra flags) and returns its path; fails with gcc's output. */
    public static Path compileExecutable(List<Path> sources, Path includeDir, Path output, List<String> extraFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tool.GCC.require());
        cmd.addAll(STRICT);
        cmd.add("-O1");
        cmd.addAll(extraFlags);
        cmd.add("-I" + includeDir);
        for (Path s : sources) {
            cmd.add(s.toString());
        }
        cmd.add("-o");
        cmd.add(output.toString());
        ProcessRunner.runChecked(cmd, output.getParent(), Duration.ofMinutes(2));
        return output;
    }

    public static ProcessRunner.Result run(Path executable) {
        return ProcessRunner.run(List.of(executable.toString()), executable.getParent(), Duration.ofMinutes(2));
    }
}
