package io.pqkmcu.codegen.stream;

import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.util.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream firmware as generated files: its data blobs, its settings, and a warning-free build. */
class StreamFirmwareTest {
    private static final FrontEndConfig FE = FrontEndConfig.mfccDefault();

    @TempDir
    Path tmp;

    private static Int8Model model() {
        return RandomModels.random(4000, FE.frames(), FE.featuresPerFrame(), 1, 12, FE);
    }

    private static short[] noise(int samples) {
        Random r = new Random(9);
        short[] s = new short[samples];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (r.nextGaussian() * 2500);
        }
        return s;
    }

    @Test
    void streamProjectsHoldTheAudioTheTwinsLogitsAndDetections() {
        Int8Model m = model();
        short[] audio = noise(16000 + 5 * 4000 + 7);
        StreamConfig cfg = new StreamConfig(4000, 2, 3000, 2);
        ProjectGenerator.Rendered r = new ProjectGenerator().render(m, GenerateOptions.of(tmp.resolve("p"))
                .withBoard("qemu-mps2-an386").withStream(new StreamInput(audio, cfg)));
        SortedMap<String, byte[]> f = r.files();
        StreamDetector.Result twin = StreamDetector.run(m, cfg, audio);
        assertEquals(6, twin.windowLogits().size());
        assertEquals(2 * audio.length, f.get(StreamData.AUDIO).length);
        assertEquals(ByteBuffer.wrap(f.get(StreamData.AUDIO)).order(ByteOrder.LITTLE_ENDIAN).getShort(2 * 5), audio[5]);
        assertEquals(6 * 12, f.get(StreamData.EXPECTED).length);
        assertEquals(StreamData.DETECTION_BYTES * twin.detections().size(), f.get(StreamData.DETECTIONS).length);
        String h = new String(f.get("firmware/stream_data.h"), StandardCharsets.UTF_8);
        assertTrue(h.contains("#define PQK_STREAM_HOP_SAMPLES 4000 /* 250 ms */"), h);
        assertTrue(h.contains("#define PQK_STREAM_THRESHOLD_Q15 3000"), h);
        assertTrue(h.contains("static const int32_t pqk_stream_exp_q15[256] = {\n    32768, "), h);
        String main = new String(f.get("firmware/main.c"), StandardCharsets.UTF_8);
        assertTrue(main.contains("streaming keyword spotting"), main);
        assertFalse(f.containsKey("firmware/test_data.S"));
        String make = new String(f.get("Makefile"), StandardCharsets.UTF_8);
        assertTrue(make.contains("APP_SRCS := firmware/main.c firmware/stream_data.S"), make);
        assertTrue(make.contains("TEST_DATA := firmware/stream_audio.bin firmware/stream_detections.bin "
                + "firmware/stream_expected.bin"), make);
        assertTrue(new String(f.get(ProjectInfo.FILE), StandardCharsets.UTF_8).contains("firmware=stream\n"));
    }

    @Test
    void streamFirmwareBuildsWarningFreeIncludingItsProfilingBuild() throws Exception {
        Path dir = tmp.resolve("fw");
        new ProjectGenerator().generate(model(), GenerateOptions.of(dir).withBoard("stm32f746g-disco")
                .withStream(new StreamInput(noise(20000), StreamConfig.defaults(16000))));
        assertTrue(ProjectInfo.read(dir).stream());
        for (List<String> make : List.of(List.of("firmware"), List.of("firmware", "PROFILE=1"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(Tool.MAKE.require(), "-s"));
            cmd.addAll(make);
            ProcessRunner.Result r = ProcessRunner.run(cmd, dir, Duration.ofMinutes(3));
            assertEquals(0, r.exitCode(), make + ":\n" + r.stderr() + r.stdout());
            assertTrue(r.stderr().isEmpty(), make + " warnings:\n" + r.stderr());
        }
        assertTrue(Files.size(dir.resolve("build/stm32f746g-disco/firmware.elf")) > 0);
    }

    @Test
    void badStreamsAreRefusedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("bad");
        GenerateOptions o = GenerateOptions.of(dir).withBoard("qemu-mps2-an386");
        IllegalArgumentException shortStream = assertThrows(IllegalArgumentException.class, () -> new ProjectGenerator()
                .generate(model(), o.withStream(new StreamInput(noise(8000), StreamConfig.defaults(16000)))));
        assertTrue(shortStream.getMessage().contains("less than one 16000-sample window"), shortStream.getMessage());
        IllegalArgumentException image = assertThrows(IllegalArgumentException.class, () -> new ProjectGenerator()
                .generate(RandomModels.random(3), o.withStream(new StreamInput(noise(20000), StreamConfig.defaults(16000)))));
        assertTrue(image.getMessage().contains("no audio front end"), image.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new ProjectGenerator()
                .generate(model(), o.withTests(TestInputs.clips(List.of(noise(16000)), List.of(-1)))
                        .withStream(new StreamInput(noise(20000), StreamConfig.defaults(16000)))));
        assertTrue(both.getMessage().contains("not test inputs"), both.getMessage());
        assertFalse(Files.exists(dir));
    }
}
