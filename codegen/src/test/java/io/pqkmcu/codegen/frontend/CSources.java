package io.pqkmcu.codegen.frontend;

import io.pqkmcu.codegen.render.RuntimeResources;
import io.pqkmcu.model.util.AtomicFiles;

import java.nio.file.Path;

/** Test helper: writes C files and copies runtime C sources from the classpath. */
final class CSources {
    private CSources() {}

    static void write(Path file, String content) {
        AtomicFiles.writeString(file, content);
    }

    static void copyRuntime(Path dir, String... names) {
        for (String name : names) {
            AtomicFiles.write(dir.resolve(name), RuntimeResources.bytes(name));
        }
    }
}
