package io.pqkmcu.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthOptionsTest {
    @Test
    void defaultsMakeAboutFourThousandClips() {
        SynthOptions o = SynthOptions.defaults();
        assertEquals(4000, o.totalClips());
        assertEquals(10, o.keywords().size());
        assertTrue(o.unknownWords().size() >= 15);
    }

    @Test
    void rejectsUnusableOptionsWithAReason() {
        SynthOptions d = SynthOptions.defaults();
        assertMessage(() -> d.withSpeakers(2), "speakers must be at least 3");
        assertMessage(() -> d.withRepetitions(0), "repetitions");
        assertMessage(() -> d.withWords(List.of("yes", "Yes!"), List.of(), 0), "'Yes!' is not a plain lower-case word");
        assertMessage(() -> d.withWords(List.of("yes"), List.of("yes"), 1), "'yes' is listed twice");
        assertMessage(() -> d.withWords(List.of("-v"), List.of(), 0), "not a plain lower-case word");
        assertMessage(() -> d.withWords(List.of(), List.of("bed"), 1), "at least one keyword");
        assertMessage(() -> d.withWords(List.of("yes"), List.of("bed"), 4).withSpeakers(3).withRepetitions(1),
                "unknownPerWord must be in 0..3");
        assertMessage(() -> d.withSplits(60, 50), "sum to at most 100");
        assertEquals(100, d.withSplits(60, 40).validationPercent() + d.withSplits(60, 40).testPercent(), 1e-9); // evaluation-only set
        assertMessage(() -> d.withNoise(0.5, 20, 10, 30), "snrMinDb (20.0) must not exceed snrMaxDb (10.0)");
        assertMessage(() -> d.withNoise(0.5, 0, 10, 5), "noiseSeconds must be in 10..600");
        assertMessage(() -> d.withNoise(1.5, 0, 10, 30), "noiseProbability");
    }

    private static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
