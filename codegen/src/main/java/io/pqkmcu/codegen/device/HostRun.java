package io.pqkmcu.codegen.device;

import io.pqkmcu.codegen.jna.BindingLoader;
import io.pqkmcu.codegen.project.ProjectInfo;

import java.nio.file.Path;

/**
 * A generated project's host library, built with its Makefile and called through the project's own
 * generated JNA binding (compiled at run time): the same C as the firmware, running on this machine.
 */
public final class HostRun implements AutoCloseable {
    private final BindingLoader binding;
    private final Object library;
    private final int inputSize;
    private final int outputSize;

    private HostRun(BindingLoader binding, Object library) {
        this.binding = binding;
        this.library = library;
        this.inputSize = (Integer) binding.constant("INPUT_SIZE");
        this.outputSize = (Integer) binding.constant("OUTPUT_SIZE");
    }

    /** Builds the host library and loads it; {@code classesDir} receives the compiled binding. */
    public static HostRun open(ProjectInfo project, Path classesDir) {
        Path so = ProjectBuild.host(project);
        BindingLoader b = BindingLoader.compile(project.directory().resolve(project.javaSource()), project.javaClass(),
                classesDir);
        return new HostRun(b, b.load(so));
    }

    public byte[] invoke(byte[] input) {
        byte[] out = new byte[outputSize];
        check("pqk_model_invoke", binding.call(library, "pqk_model_invoke", new Class<?>[] {byte[].class, byte[].class},
                input, out));
        return out;
    }

    public byte[] classify(short[] audio) {
        byte[] out = new byte[outputSize];
        check("pqk_model_classify", binding.call(library, "pqk_model_classify",
                new Class<?>[] {short[].class, byte[].class}, audio, out));
        return out;
    }

    public byte[] features(short[] audio) {
        byte[] out = new byte[inputSize];
        check("pqk_model_features", binding.call(library, "pqk_model_features",
                new Class<?>[] {short[].class, byte[].class}, audio, out));
        return out;
    }

    private static void check(String fn, Object status) {
        if ((Integer) status != 0) {
            throw new IllegalStateException(fn + " returned status " + status);
        }
    }

    @Override
    public void close() {
        binding.close();
    }
}
