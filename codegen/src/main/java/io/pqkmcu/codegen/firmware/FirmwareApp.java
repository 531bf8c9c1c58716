package io.pqkmcu.codegen.firmware;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.boards.ExitMode;
import io.pqkmcu.codegen.render.TemplateRenderer;
import io.pqkmcu.codegen.renode.RenodeScripts;
import io.pqkmcu.codegen.stream.StreamConfig;
import io.pqkmcu.codegen.stream.StreamData;
import io.pqkmcu.codegen.stream.StreamInput;
import io.pqkmcu.codegen.stream.StreamScore;
import io.pqkmcu.model.Int8Model;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The application part of a project's firmware, in one of two modes: {@code test} runs int8 vectors (or
 * images) or audio clips from flash and checks each result against the Java int8 reference; {@code stream}
 * slides a window over an audio stream in flash and detects keywords, checked against the Java twin
 * {@link io.pqkmcu.codegen.stream.StreamDetector}. Knows its sources, data blobs and flash use, and
 * renders its files; the project generator only places them.
 */
public final class FirmwareApp {
    private final TestData tests;
    private final StreamData stream;
    private final FirmwareView view;
    private final int streamSamples;
    private final List<StreamScore.Word> planted;
    private final StreamConfig streamConfig;

    private FirmwareApp(TestData tests, StreamData stream, FirmwareView view, int streamSamples,
                        List<StreamScore.Word> planted, StreamConfig streamConfig) {
        this.streamConfig = streamConfig;
        this.tests = tests;
        this.stream = stream;
        this.view = view;
        this.streamSamples = streamSamples;
        this.planted = planted;
    }

    /**
     * The stream application when {@code stream} is given, else the test application over {@code tests}
     * (random inputs seeded by {@code seed} when there are none).
     */
    public static FirmwareApp of(Int8Model model, TestInputs tests, StreamInput stream, long seed) {
        if (stream != null) {
            if (!tests.isEmpty()) {
                throw new IllegalArgumentException("a stream firmware runs its audio stream, not test inputs; give one "
                        + "or the other");
            }
            StreamData s = StreamData.of(model, stream);
            return new FirmwareApp(null, s, new FirmwareView(FirmwareView.STREAM, "streaming keyword-spotting",
                    List.of("firmware/main.c", "firmware/stream_data.S"), List.copyOf(s.files().keySet())),
                    stream.audio().length, stream.planted(), stream.config());
        }
        TestData t = TestData.of(model, tests, seed);
        return new FirmwareApp(t, null, FirmwareView.test(List.copyOf(t.files().keySet())), 0, List.of(), null);
    }

    /** {@link FirmwareView#TEST} or {@link FirmwareView#STREAM}. */
    public String mode() {
        return view.mode();
    }

    public FirmwareView view() {
        return view;
    }

    /** The firmware's inputs are audio (clips or a stream) rather than int8 vectors. */
    public boolean audio() {
        return stream != null || tests.audio();
    }

    /** Test inputs, or stream windows. */
    public int count() {
        return stream != null ? stream.view().windows() : tests.count();
    }

    /** Flash the application's data blobs take. */
    public long flashBytes() {
        return stream != null ? stream.flashBytes() : tests.flashBytes();
    }

    /** Test inputs stored in flash (0 in stream mode, whose audio is one piece). */
    public int testInputs() {
        return stream != null || tests == null ? 0 : tests.count();
    }

    /** The test data (test mode only, else null). */
    public TestData tests() {
        return tests;
    }

    /** The stream data (stream mode only, else null). */
    public StreamData stream() {
        return stream;
    }

    /** The FreeMarker data model the application's templates and the Makefile need beside {@code project}. */
    public Map<String, Object> templateData(Object projectView) {
        Map<String, Object> data = new HashMap<>();
        data.put("project", projectView);
        data.put("firmware", view);
        if (stream != null) {
            data.put("stream", stream.view());
        }
        return data;
    }

    /**
     * main.c, the data header and assembler file, and the blobs, by project-relative path; for a stream also its
     * settings ({@link StreamConfig#FILE}) and the planted words when known.
     *
     * @param header the generator's one-line header, for the files that are not rendered from templates
     */
    public SortedMap<String, byte[]> files(Map<String, Object> data, String header) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (stream != null) {
            put(files, "firmware/main.c", TemplateRenderer.render("firmware_stream_c.ftl", data));
            put(files, "firmware/stream_data.h", TemplateRenderer.render("stream_data_h.ftl", data));
            put(files, "firmware/stream_data.S", TemplateRenderer.render("stream_data_s.ftl", data));
            files.putAll(stream.files());
            put(files, StreamConfig.FILE, "# " + header + "\n" + streamConfig.properties());
            if (!planted.isEmpty()) {
                put(files, StreamInput.PLANTED_FILE, StreamScore.csv(planted));
            }
        } else {
            put(files, "firmware/main.c", TemplateRenderer.render("firmware_main_c.ftl", data));
            put(files, "firmware/test_data.h", TemplateRenderer.render("test_data_h.ftl", data));
            put(files, "firmware/test_data.S", TemplateRenderer.render("test_data_s.ftl", data));
            files.putAll(tests.files());
        }
        return files;
    }

    /**
     * The UART lines the firmware must print on {@code board} (regexes from the Java reference, see
     * {@link ExpectedUart}); a board that halts instead of exiting through semihosting ends with "PQK EXIT 0".
     */
    public List<String> expectedUart(Board board, String modelName, String checksum) {
        boolean halts = board.exitMode() == ExitMode.HALT;
        return stream != null
                ? ExpectedUart.stream(modelName, checksum, stream, streamSamples, halts)
                : ExpectedUart.test(modelName, checksum, tests, halts);
    }

    /**
     * The Renode platform, script and Robot test for board {@code boardId} when the catalog has it and Renode
     * emulates it (see {@link RenodeScripts}); empty otherwise.
     */
    public SortedMap<String, byte[]> renodeFiles(String boardId, String modelName, String checksum, String header) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        Optional<Board> board = BoardCatalog.all().stream().filter(b -> b.id().equals(boardId)).findFirst();
        if (board.isEmpty() || !board.get().runsInRenode()) {
            return files;
        }
        String elf = "build/" + boardId + "/firmware.elf";
        RenodeScripts.files(board.get(), elf, expectedUart(board.get(), modelName, checksum), header)
                .forEach((path, text) -> put(files, path, text));
        return files;
    }

    private static void put(SortedMap<String, byte[]> files, String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
