package io.pqkmcu.cli;

import io.pqkmcu.trainer.data.SynthOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSynthOptionsTest {
    private static DataCommand.Synth parse(String... args) {
        DataCommand.Synth s = new DataCommand.Synth();
        new CommandLine(s).parseArgs(args);
        return s;
    }

    @Test
    void theUnknownWordCountFollowsTheSizesGiven() {
        // 10 speakers × 3 repetitions: at most 30 clips per unknown word, so the default of 40 becomes 30
        SynthOptions o = parse("--out", "x", "--speakers", "10").options();
        assertEquals(10, o.speakers());
        assertEquals(30, o.unknownPerWord());
        assertEquals(SynthOptions.defaults().unknownPerWord(), parse("--out", "x").options().unknownPerWord());
        assertEquals(12, parse("--out", "x", "--speakers", "10", "--unknown-per-word", "12").options().unknownPerWord());
    }

    @Test
    void anUnknownWordCountBeyondTheSizesNamesTheOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--out", "x", "--speakers", "10", "--unknown-per-word", "40").options());
        assertTrue(e.getMessage().contains("--unknown-per-word must be in 0..30 (--speakers 10 × --repetitions 3), got 40"),
                e.getMessage());
    }
}
