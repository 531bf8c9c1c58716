package io.pqkmcu.codegen.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The static C runtime in the runtime-c-templates jar (kernels, headers, front end), read from the classpath
 * by name: the one loader behind every copy of it into a project or a test folder.
 */
public final class RuntimeResources {
    /** Classpath folder holding the static C files. */
    public static final String RUNTIME_C = "/io/pqkmcu/runtime/c/";

    private RuntimeResources() {}

    /** Whether {@code name} (e.g. {@code pqk_kernels.h}) is a runtime file. */
    public static boolean exists(String name) {
        return RuntimeResources.class.getResource(RUNTIME_C + name) != null;
    }

    /** The bytes of runtime file {@code name}; a missing one means the runtime-c-templates jar is incomplete. */
    public static byte[] bytes(String name) {
        try (InputStream in = RuntimeResources.class.getResourceAsStream(RUNTIME_C + name)) {
            if (in == null) {
                throw new IllegalStateException("runtime file " + name + " is missing from the classpath ("
                        + RUNTIME_C + "); the pqk-runtime-c-templates jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read runtime file " + name, e);
        }
    }

    /** Runtime file {@code name} as UTF-8 text. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
