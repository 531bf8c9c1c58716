package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.firmware.FirmwareApp;
import io.pqkmcu.codegen.firmware.FirmwareView;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a generated project is for, read back by {@code pqk build} and {@code pqk simulate}: the board,
 * the model (a copy of its .pqkm file sits in the project), and the kind of test inputs its firmware
 * holds. Written as {@value #FILE} with keys in a fixed order, so generation stays deterministic.
 *
 * @param testAudio  the firmware's test inputs are audio clips rather than int8 vectors
 * @param firmware   the firmware's mode: {@code test} or {@code stream} (see {@link FirmwareApp}); projects
 *                   written before streaming existed have no key and are test projects
 */
public record ProjectInfo(Path directory, String boardId, String modelName, String checksum, boolean testAudio,
                          String javaClass, String javaSource, String firmware) {
    public static final String FILE = "project.properties";
    public static final String MODEL_FILE = "model.pqkm";

    static String describe(String header, Int8Model model, String checksum, String boardId, FirmwareApp app,
                           String javaClass, String javaSource) {
        return "# " + header + "\n"
                + "board=" + boardId + "\n"
                + "model=" + model.name().replace("\\", "\\\\").replace("\n", " ") + "\n"
                + "checksum=" + checksum + "\n"
                + "firmware=" + app.mode() + "\n"
                + "test_inputs=" + (app.audio() ? "audio" : "vectors") + "\n"
                + "java_class=" + javaClass + "\n"
                + "java_source=" + javaSource + "\n";
    }

    /** Reads the project description, or explains why {@code dir} is not a generated project. */
    public static ProjectInfo read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory; pass the folder `pqk generate --out` wrote");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a pqk project (no " + FILE + "); create one with pqk generate");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String key : new String[] {"board", "model", "checksum", "test_inputs", "java_class", "java_source"}) {
            if (p.getProperty(key) == null) {
                throw new IllegalArgumentException(file + " lacks '" + key + "'; regenerate the project with pqk generate");
            }
        }
        String firmware = p.getProperty("firmware", FirmwareView.TEST);
        if (!firmware.equals(FirmwareView.TEST) && !firmware.equals(FirmwareView.STREAM)) {
            throw new IllegalArgumentException(file + " names firmware mode '" + firmware + "', which this pqk does not "
                    + "know; regenerate the project with pqk generate");
        }
        return new ProjectInfo(dir, p.getProperty("board"), p.getProperty("model"), p.getProperty("checksum"),
                "audio".equals(p.getProperty("test_inputs")), p.getProperty("java_class"), p.getProperty("java_source"),
                firmware);
    }

    /** Whether the firmware is the streaming keyword spotter. */
    public boolean stream() {
        return FirmwareView.STREAM.equals(firmware);
    }

    /** The model the project was generated from, checked against the recorded checksum. */
    public Int8Model model() {
        Int8Model m = ModelFile.read(directory.resolve(MODEL_FILE));
        if (!ModelFile.checksum(m).equals(checksum)) {
            throw new IllegalArgumentException(directory.resolve(MODEL_FILE) + " is not the model this project was "
                    + "generated from (checksum " + ModelFile.checksum(m) + ", project says " + checksum + ")");
        }
        return m;
    }
}
