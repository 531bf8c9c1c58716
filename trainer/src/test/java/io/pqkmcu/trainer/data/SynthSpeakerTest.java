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
}
