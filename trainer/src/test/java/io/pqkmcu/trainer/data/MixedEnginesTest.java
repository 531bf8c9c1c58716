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
    void accentsDrawOtherLanguagesVoicesForAShareOfEachEngine() {
        List<String> rhVoices = List.of("alan", "slt");
        List<String> rhAccents = List.of("anna", "magda");
        List<String> espeakAccents = List.of("de", "pl");
        SynthOptions accented = tinyMix().withSpeakers(200).withVariety(SpeakerVariety.ACCENTS);
        int accents = 0;
        for (SynthResult.Assigned a : new SyntheticKwsGenerator(accented, null).drawSpeakers(SyntheticKwsGenerator.VOICES,
                espeakAccents, SyntheticKwsGenerator.VARIANTS, rhVoices, rhAccents)) {
            String v = a.speaker().voice();
            boolean accent = a.speaker().engine() == SynthEngine.RHVOICE ? rhAccents.contains(v) : espeakAccents.contains(v);
            accents += accent ? 1 : 0;
        }
        // 30 % of 200 speakers: 60 expected, binomial sd 6.5
        assertTrue(accents > 35 && accents < 85, accents + " of 200 speakers have an accent voice");
        for (SynthResult.Assigned a : new SyntheticKwsGenerator(tinyMix().withSpeakers(200), null).drawSpeakers(
                SyntheticKwsGenerator.VOICES, List.of(), SyntheticKwsGenerator.VARIANTS, rhVoices, List.of())) {
            String v = a.speaker().voice();
            assertTrue(rhVoices.contains(v) || SyntheticKwsGenerator.VOICES.contains(v), "a plain set has no accents: " + v);
        }
    }

    @Test
    void accentedSetsSpeakAndRepeat() throws IOException {
        if (!RhVoiceTts.available()) {
            return; // covered by the missing-program branch above
        }
        SynthOptions accented = tinyMix().withSeed(5).withVariety(SpeakerVariety.ACCENTS);
        new SyntheticKwsGenerator(accented, null).generate(dir.resolve("a"));
        new SyntheticKwsGenerator(accented.withThreads(1), null).generate(dir.resolve("b"));
        SynthClipAsserts.spokenAndRepeatable(dir.resolve("a"), dir.resolve("b"), List.of("yes", "off", "bed"));
        assertTrue(Files.readString(dir.resolve("a").resolve("synth.json")).contains("\"speakerVariety\": \"accents\""));
    }

    @Test
    void rhVoiceAccentVoicesSoundUnlikeItsEnglishOnes() {
        if (!RhVoiceTts.available()) {
            return;
        }
        RhVoiceTts rh = RhVoiceTts.locate();
        RhVoiceTts.Installed installed = rh.installed(true);
        List<String> accents = installed.accents();
        assertTrue(RhVoiceTts.ACCENT_VOICES.containsAll(accents), accents.toString());
        assertTrue(java.util.Collections.disjoint(accents, installed.english()), accents.toString());
        assertEquals(rh.installedVoices(), installed.english());
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
