package io.pqkmcu.trainer.util;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    @Test
    void terminalModeRedrawsOneLineAndEndsItWhenDone() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), "synth", 3, 0, true);
        for (int i = 0; i < 3; i++) {
            p.step();
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rsynth "), out);
        assertTrue(out.contains("100% 3/3"), out);
        assertTrue(out.endsWith(System.lineSeparator()), out);
        assertEquals(3, p.done());
    }

    @Test
    void logModePrintsAtMostElevenLines() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), "train", 1000, 0, false);
        for (int i = 1; i <= 1000; i++) {
            p.update(i, "loss 0.1");
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines.length <= 11, lines.length + " lines");
        assertTrue(lines[lines.length - 1].contains("1000/1000 loss 0.1"), lines[lines.length - 1]);
    }

    @Test
    void nullStreamIsSilent() {
        Progress p = new Progress(null, "x", 2, 0, false);
        p.step();
        p.step();
        assertEquals(2, p.done());
    }
}
