package io.pqkmcu.trainer.data;

import io.pqkmcu.model.util.MissingProgramException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dataset spoken by espeak-ng and RHVoice together: both engines speak, deterministically, at 16 kHz. */
class MixedEnginesTest {
    @TempDir
    Path dir;

    static SynthOptions tinyMix() {
        return SynthOptions.defaults().withSeed(3).withWords(List.of("yes", "off"), List.of("bed"), 2)
                .withSpeakers(8).withRepetitions(1).withNoise(0.8, 5, 30, 10).withThreads(2)
                .withEngines(List.of(SynthEngine.ESPEAK_NG, SynthEngine.RHVOICE));
    }

    @Test
    void espeakAndRhVoiceShareTheSpeakers() throws IOException {
        if (!RhVoiceTts.available()) {
            MissingProgramException e = assertThrows(MissingProgramException.class,
                    () -> new SyntheticKwsGenerator(tinyMix(), null).generate(dir.resolve("m")));
            assertTrue(e.getMessage().contains("rhvoice"), e.getMessage());
            return;
        }
        SynthResult r = new SyntheticKwsGenerator(tinyMix(), null).generate(dir.resolve("a"));
        Set<SynthEngine> engines = EnumSet.noneOf(SynthEngine.class);
        for (SynthResult.Assigned a : r.speakers()) {
            engines.add(a.speaker().engine());
            if (a.speaker().engine() == SynthEngine.RHVOICE) {
                assertTrue(RhVoiceTts.VOICES.contains(a.speaker().voice()), a.speaker().voice());
                assertEquals("", a.speaker().variant());
            }
        }
        assertEquals(EnumSet.of(SynthEngine.ESPEAK_NG, SynthEngine.RHVOICE), engines, "both engines speak");
        new SyntheticKwsGenerator(tinyMix().withThreads(1), null).generate(dir.resolve("b"));
        SynthClipAsserts.spokenAndRepeatable(dir.resolve("a"), dir.resolve("b"), List.of("yes", "off", "bed"));
        String manifest = Files.readString(dir.resolve("a").resolve("synth.json"));
        assertTrue(manifest.contains("\"engines\": [\"espeak-ng\", \"rhvoice\"]"), manifest);
    }

    @Test
    void rhVoiceFindsItsInstalledVoices() {
        if (!RhVoiceTts.available()) {
            return; // covered by the missing-program branch above
        }
        List<String> voices = RhVoiceTts.locate().installedVoices();
        assertTrue(!voices.isEmpty() && RhVoiceTts.VOICES.containsAll(voices), voices.toString());
    }

    @Test
    void engineListsParseAndRejectRepeats() {
        assertEquals(List.of(SynthEngine.ESPEAK_NG, SynthEngine.PICO), SynthEngine.parseList("espeak-ng, pico"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> SynthEngine.parseList("pico,pico"));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SynthEngine.parseList("espeak-ng,flite"));
        assertTrue(unknown.getMessage().contains("rhvoice"), unknown.getMessage());
    }
}
