package io.pqkmcu.codegen.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The generator's name and version, as quoted in the first comment of every generated file. */
public final class GeneratorVersion {
    public static final String VERSION = load();
    public static final String NAME = "pqk-mcu " + VERSION;

    private GeneratorVersion() {}

    private static String load() {
        try (InputStream in = GeneratorVersion.class.getResourceAsStream("/io/pqkmcu/codegen/pqk-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("pqk-version.properties is missing from the codegen jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
