package io.pqkmcu.codegen.frontend;

import io.pqkmcu.trainer.util.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Test helper: writes C files and copies runtime C sources from the classpath. */
final class CSources {
    static final String RUNTIME_C = "/io/pqkmcu/runtime/c/";

    private CSources() {}

    static void write(Path file, String content) {
        AtomicFiles.writeString(file, content);
    }

    static void copyRuntime(Path dir, String... names) {
        for (String name : names) {
            try (InputStream in = CSources.class.getResourceAsStream(RUNTIME_C + name)) {
                if (in == null) {
                    throw new IllegalStateException("runtime C file " + name + " is not on the classpath");
                }
                AtomicFiles.write(dir.resolve(name), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
