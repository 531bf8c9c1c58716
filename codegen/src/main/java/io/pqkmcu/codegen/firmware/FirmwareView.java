package io.pqkmcu.codegen.firmware;

import java.util.List;

/**
 * What the Makefile and the firmware templates need to know about the firmware application of a project
 * (data model key {@code firmware}): which mode it runs in, its own sources and the binary blobs its
 * assembler file pulls in.
 *
 * @param mode        {@code test} (inputs in flash, checked against the Java reference) or {@code stream}
 *                    (sliding-window keyword spotting over an audio stream in flash)
 * @param description a few words for the Makefile's comment
 * @param sources     project-relative sources of the application (main.c and its data .S)
 * @param dataFiles   project-relative blobs the .S file includes; rewriting one relinks the firmware
 */
public record FirmwareView(String mode, String description, List<String> sources, List<String> dataFiles) {
    public static final String TEST = "test";
    public static final String STREAM = "stream";

    public FirmwareView {
        sources = List.copyOf(sources);
        dataFiles = List.copyOf(dataFiles);
    }

    /** The test-vector firmware: firmware/main.c and the blobs of {@code TestData}. */
    public static FirmwareView test(List<String> dataFiles) {
        return new FirmwareView(TEST, "test-vector", List.of("firmware/main.c", "firmware/test_data.S"), dataFiles);
    }
}
