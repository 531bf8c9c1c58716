package io.pqkmcu.model.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SplitTest {
    @Test
    void hashMatchesSpeechCommandsWhichSet() {
        // expected values from Python: (int(hashlib.sha1(id).hexdigest(), 16) % 2**27) * (100.0 / (2**27 - 1))
        assertEquals(61.71147496783342, Split.hashPercentage("0a1b2c3d"));
        assertEquals(28.813425666193854, Split.hashPercentage("ffffffff"));
        assertEquals(9.555729549793373, Split.hashPercentage("00000000"));
        assertEquals(3.941929369732211, Split.hashPercentage("3c4aa5ef"));
    }

    @Test
    void percentagesPickTheSplit() {
        assertEquals(Split.TRAIN, Split.bySpeakerHash("0a1b2c3d", 10, 10));
        assertEquals(Split.VALIDATION, Split.bySpeakerHash("00000000", 10, 10));
        assertEquals(Split.TEST, Split.bySpeakerHash("00000000", 5, 10));
        assertEquals(Split.VALIDATION, Split.bySpeakerHash("3c4aa5ef", 10, 10));
        assertEquals(Split.TRAIN, Split.bySpeakerHash("3c4aa5ef", 0, 0));
    }
}
