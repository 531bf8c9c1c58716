package io.pqkmcu.model.util;

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

    @Test
    void theEtaLeavesOutTheSlowFirstStepAndWaitsForTimedSteps() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        // log mode, one line per tenth: 10 steps of which the first takes 100 s (start-up), the rest 1 s each
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), "train", 10, 0, false,
                () -> now[0]);
        for (int i = 1; i <= 10; i++) {
            now[0] += (i == 1 ? 100 : 1) * 1_000_000_000L;
            p.update(i, "");
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].contains("1/10 ETA --"), lines[0]);
        assertTrue(lines[1].contains("2/10 ETA --"), lines[1]);
        assertTrue(lines[2].contains("3/10 ETA 7s"), lines[2]); // 7 steps left at 1 s each, not 7 × 34 s
        assertTrue(lines[9].contains("10/10 1m49s total"), lines[9]);
    }
}
