package io.pqkmcu.trainer.util;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {
    @Test
    void alwaysPrintsTheFinalCountOnItsOwnLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressLine p = new ProgressLine(new PrintStream(buf, true, StandardCharsets.UTF_8), "synth", 3);
        for (int i = 0; i < 3; i++) {
            p.step();
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\rsynth: 3/3 (100%)"), out);
        assertTrue(out.endsWith(System.lineSeparator()), out);
        assertEquals(3, p.done());
    }

    @Test
    void nullStreamIsSilent() {
        ProgressLine p = new ProgressLine(null, "x", 2);
        p.step();
        p.step();
        assertEquals(2, p.done());
    }
}
