package io.pqkmcu.tests;

import io.pqkmcu.codegen.jna.BindingLoader;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A generated project built for the host with its own Makefile ({@code make host}) and called through
 * its generated JNA binding, compiled at test time with javax.tools and loaded in its own class loader.
 */
final class HostModel implements AutoCloseable {
    private final BindingLoader binding;
    private final Object library;
    final int outputSize;

    private HostModel(BindingLoader binding, Object library) {
        this.binding = binding;
        this.library = library;
        this.outputSize = (Integer) binding.constant("OUTPUT_SIZE");
    }

    static HostModel build(GeneratedProject p, Path classesDir) {
        ProcessRunner.runChecked(List.of(Tool.MAKE.require(), "-s", "host"), p.root(), Duration.ofMinutes(2));
        BindingLoader b = BindingLoader.compile(p.root().resolve(p.javaSource()), p.javaInterface(), classesDir);
        return new HostModel(b, b.load(p.hostLibrary()));
    }

    byte[] invoke(byte[] input) {
        byte[] out = new byte[outputSize];
        int status = (Integer) binding.call(library, "pqk_model_invoke", new Class<?>[] {byte[].class, byte[].class},
                input, out);
        if (status != 0) {
            throw new AssertionError("pqk_model_invoke returned status " + status);
        }
        return out;
    }

    byte[] classify(short[] audio) {
        byte[] out = new byte[outputSize];
        int status = (Integer) binding.call(library, "pqk_model_classify", new Class<?>[] {short[].class, byte[].class},
                audio, out);
        if (status != 0) {
            throw new AssertionError("pqk_model_classify returned status " + status);
        }
        return out;
    }

    byte[] features(short[] audio, int size) {
        byte[] out = new byte[size];
        int status = (Integer) binding.call(library, "pqk_model_features", new Class<?>[] {short[].class, byte[].class},
                audio, out);
        if (status != 0) {
            throw new AssertionError("pqk_model_features returned status " + status);
        }
        return out;
    }

    int arenaSize() {
        return (Integer) binding.call(library, "pqk_model_arena_size", new Class<?>[0]);
    }

    Object constant(String name) {
        return binding.constant(name);
    }

    @Override
    public void close() {
        binding.close();
    }
}
