package io.pqkmcu.codegen.toolchain;

import io.pqkmcu.model.util.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds C sources into a host shared library for JNA, with the same strict flags the firmware build
 * uses, so warnings caught on the host are caught on the device too.
 */
public final class HostCompiler {
    public static final List<String> STRICT_FLAGS = List.of("-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic");

    private HostCompiler() {}

    /**
     * Compiles {@code sources} into {@code output} (.so).
     *
     * @param includeDirs directories for {@code -I}
     * @param extraFlags  e.g. {@code -fsanitize=address,undefined}
     */
    public static Path buildSharedLibrary(List<Path> sources, List<Path> includeDirs, Path output, List<String> extraFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tool.GCC.require());
        cmd.addAll(STRICT_FLAGS);
        cmd.addAll(List.of("-O2", "-fPIC", "-shared"));
        cmd.addAll(extraFlags);
        for (Path inc : includeDirs) {
            cmd.add("-I" + inc.toAbsolutePath());
        }
        for (Path src : sources) {
            cmd.add(src.toAbsolutePath().toString());
        }
        cmd.add("-o");
        cmd.add(output.toAbsolutePath().toString());
        ProcessRunner.runChecked(cmd, output.toAbsolutePath().getParent(), Duration.ofMinutes(5));
        return output;
    }
}
