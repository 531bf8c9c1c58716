package io.pqkmcu.trainer.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthSpeakerTest {
    @Test
    void idIsEightHexDigitsOfTheParameters() {
        SynthSpeaker a = new SynthSpeaker("en-us", "m3", 50, 175);
        assertTrue(a.id().matches("[0-9a-f]{8}"), a.id());
        assertEquals(a.id(), new SynthSpeaker("en-us", "m3", 50, 175).id());
        assertNotEquals(a.id(), new SynthSpeaker("en-us", "m3", 51, 175).id());
        assertNotEquals(a.id(), new SynthSpeaker("en-gb", "m3", 50, 175).id());
        assertEquals("en-us+m3", a.voiceArgument());
    }

    @Test
    void rejectsValuesEspeakCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> new SynthSpeaker("en-us", "m3", 100, 175));
        assertThrows(IllegalArgumentException.class, () -> new SynthSpeaker("en-us", "m3", 50, 20));
    }

    @Test
    void transformsAndEngineAreInTheIdButAPlainSpeakerKeepsItsOldId() {
        SynthSpeaker plain = new SynthSpeaker("en-us", "m3", 50, 175);
        // the id a plain speaker had before speaker transforms existed: SHA-1 of "en-us+m3/p50/s175"
        assertEquals(plain.id(), new SynthSpeaker(SynthEngine.ESPEAK_NG, "en-us", "m3", 50, 175, 1000, 0,
                Acoustics.Channel.FLAT).id());
        assertNotEquals(plain.id(), new SynthSpeaker(SynthEngine.ESPEAK_NG, "en-us", "m3", 50, 175, 950, 0,
                Acoustics.Channel.FLAT).id());
        assertNotEquals(plain.id(), new SynthSpeaker(SynthEngine.ESPEAK_NG, "en-us", "m3", 50, 175, 1000, 3,
                Acoustics.Channel.FLAT).id());
        assertNotEquals(plain.id(), new SynthSpeaker(SynthEngine.ESPEAK_NG, "en-us", "m3", 50, 175, 1000, 0,
                Acoustics.Channel.TELEPHONE).id());
        SynthSpeaker pico = new SynthSpeaker(SynthEngine.PICO, "en-US", "", 50, 175, 1000, 0, Acoustics.Channel.FLAT);
        assertEquals("en-US", pico.voiceArgument());
        assertNotEquals(pico.id(), new SynthSpeaker("en-US", "", 50, 175).id());
        assertThrows(IllegalArgumentException.class, () -> new SynthSpeaker(SynthEngine.ESPEAK_NG, "en-us", "m3", 50, 175,
                500, 0, Acoustics.Channel.FLAT));
    }
}
