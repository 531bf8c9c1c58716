package io.pqkmcu.tests;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.StreamRunResult;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.codegen.stream.StreamConfig;
import io.pqkmcu.codegen.stream.StreamDetector;
import io.pqkmcu.codegen.stream.StreamScore;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.data.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Streaming keyword spotting end to end, through the CLI: `pqk data stream` plants the ten keywords, spoken
 * by test-split espeak-ng speakers, at known times in 32 s of pink noise; `pqk generate --stream` builds the
 * stream firmware for a trained model (the fixture kws-demo.pqkm, see kws-demo.md); `pqk simulate` runs it on
 * the emulated Cortex-M4. The firmware must reproduce the Java twin's logits and detections exactly, and the
 * detections must find every planted keyword with no false alarm.
 *
 * <p>The stream is `pqk data stream`'s default (seed 1). On streams of other seeds the same model finds 9 or 8
 * of the 10 words (a 91 % model confuses, e.g., "stop" with "up"); README, "Streaming keyword spotting", has the
 * figures for seeds 1 to 6.
 */
class StreamingKwsTest {
    @TempDir
    Path tmp;

    @Test
    void everyPlantedKeywordIsFoundWithNoFalseAlarmAndTheDeviceMatchesTheJavaTwin() throws Exception {
        assumeTrue(Tool.ESPEAK_NG.isInstalled(), "espeak-ng is not installed (" + Tool.ESPEAK_NG.installHint
                + "); the test stream cannot be synthesized");
        Path model = tmp.resolve("kws.pqkm");
        try (InputStream in = StreamingKwsTest.class.getResourceAsStream("kws-demo.pqkm")) {
            Files.copy(in, model);
        }
        Path wav = tmp.resolve("stream.wav");
        CliRun synth = CliRun.of("data", "stream", "--out", wav.toString());
        assertEquals(0, synth.exitCode(), synth.err());
        assertTrue(Files.isRegularFile(tmp.resolve("stream.csv")));

        Path dir = tmp.resolve("p");
        CliRun g = CliRun.of("generate", model.toString(), "--stream", wav.toString(), "--out", dir.toString());
        assertEquals(0, g.exitCode(), g.err());

        CliRun s = CliRun.of("simulate", dir.toString());
        System.out.print(s.out());
        assertEquals(0, s.exitCode(), s.out() + s.err());
        assertTrue(s.out().contains("detections equal to the Java twin's"), s.out());
        assertTrue(s.out().contains("planted keywords found: 10/10; false alarms: 0"), s.out());

        // The same verdict computed here, from the device's detections and the planted words.
        Int8Model m = ModelFile.read(model);
        ProjectInfo info = ProjectInfo.read(dir);
        StreamRunResult device = DeviceRun.runStream(info, Duration.ofMinutes(5));
        StreamConfig cfg = StreamConfig.read(dir);
        assertEquals(StreamConfig.defaults(16000), cfg);
        StreamDetector.Result twin = StreamDetector.run(m, cfg, WavFile.readKwsClip(wav, 16000));
        assertEquals(twin.detections(), device.detections());
        assertEquals(twin.windowLogits().size(), device.windows().size());
        StreamScore.Result score = StreamScore.score(StreamScore.read(tmp.resolve("stream.csv")), device.detections(),
                m.labels(), 1000, 250, cfg.smoothingWindows());
        assertTrue(score.perfect(), "missed " + score.missed() + ", false alarms " + score.falseAlarms());
        assertEquals(10, score.found());
    }
}
