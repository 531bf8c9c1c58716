package io.pqkmcu.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The pqk-mcu version, as generated files and reports quote it ("pqk-mcu 0.1.0"). */
public final class Version {
    public static final String VERSION = load();
    public static final String GENERATOR = "pqk-mcu " + VERSION;

    private Version() {}

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/pqkmcu/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from the model jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
