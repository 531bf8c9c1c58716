package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.util.MissingProgramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The held-out engine: an evaluation-only set from SVOX Pico, or a clear message when Pico is not installed. */
class PicoEngineTest {
    @TempDir
    Path dir;

    static SynthOptions tinyPico() {
        return SynthOptions.defaults().withSeed(5).withWords(List.of("yes", "stop"), List.of("bed"), 2)
                .withSpeakers(4).withRepetitions(1).withNoise(0.8, 5, 30, 10).withThreads(2)
                .withEngine(SynthEngine.PICO).withSplits(50, 50);
    }

    @Test
    void picoSetIsEvaluationOnlyAndDeterministic() throws IOException {
        if (!PicoTts.available()) {
            MissingProgramException e = assertThrows(MissingProgramException.class,
                    () -> new SyntheticKwsGenerator(tinyPico(), null).generate(dir.resolve("p")));
            assertTrue(e.getMessage().contains("libttspico-utils"), e.getMessage());
            return;
        }
        SynthResult r = new SyntheticKwsGenerator(tinyPico(), null).generate(dir.resolve("a"));
        assertEquals(0, r.clipsPerSplit().get(Split.TRAIN));
        assertEquals(r.totalClips(), r.clipsPerSplit().get(Split.VALIDATION) + r.clipsPerSplit().get(Split.TEST));
        assertTrue(r.clipsPerSplit().get(Split.TEST) > 0 && r.clipsPerSplit().get(Split.VALIDATION) > 0);
        for (SynthResult.Assigned a : r.speakers()) {
            assertEquals(SynthEngine.PICO, a.speaker().engine());
            assertTrue(PicoTts.VOICES.contains(a.speaker().voice()), a.speaker().voice());
        }
        new SyntheticKwsGenerator(tinyPico(), null).generate(dir.resolve("b"));
        SynthClipAsserts.spokenAndRepeatable(dir.resolve("a"), dir.resolve("b"), List.of("yes", "stop", "bed"));
        assertTrue(Files.readString(dir.resolve("a").resolve("synth.json")).contains("\"engines\": [\"pico\"]"));
    }
}
