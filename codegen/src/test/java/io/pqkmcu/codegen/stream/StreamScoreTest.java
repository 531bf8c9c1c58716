package io.pqkmcu.codegen.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamScoreTest {
    private static final List<String> LABELS = List.of("_silence_", "_unknown_", "yes", "no");

    @Test
    void aDetectionFindsTheWordItsWindowOverlapsAndNothingElse() {
        List<StreamScore.Word> planted = List.of(new StreamScore.Word("yes", 2000, 2400),
                new StreamScore.Word("no", 5000, 5300));
        List<Detection> detections = List.of(
                new Detection(8, 3000, 2, 20000),   // yes: window (2000, 3000] overlaps the word
                new Detection(20, 6850, 3, 20000),  // no, but later than 5300 + 1000 + 2 x 250 of smoothing delay
                new Detection(21, 4000, 2, 20000)); // yes again: nothing left to find
        StreamScore.Result r = StreamScore.score(planted, detections, LABELS, 1000, 250, 3);
        assertEquals(1, r.found());
        assertEquals(List.of(planted.get(1)), r.missed());
        assertEquals(List.of(detections.get(1), detections.get(2)), r.falseAlarms());
        StreamScore.Result late = StreamScore.score(planted, List.of(new Detection(1, 6800, 3, 1)), LABELS, 1000, 250, 3);
        assertEquals(1, late.found(), "6800 <= 5300 + 1000 + 500");
    }

    @Test
    void aWordTakenForAnotherIsAMissAndAFalseAlarm() {
        StreamScore.Result r = StreamScore.score(List.of(new StreamScore.Word("yes", 2000, 2400)),
                List.of(new Detection(8, 3000, 3, 20000)), LABELS, 1000, 250, 1);
        assertEquals(0, r.found());
        assertEquals(1, r.falseAlarms().size());
        assertTrue(!r.perfect());
    }

    @Test
    void csvRoundTripsAndBadLinesAreNamed(@TempDir Path tmp) throws Exception {
        List<StreamScore.Word> words = List.of(new StreamScore.Word("yes", 1, 2), new StreamScore.Word("go", 30, 40));
        Path csv = tmp.resolve("s.csv");
        Files.writeString(csv, StreamScore.csv(words));
        assertEquals(words, StreamScore.read(csv));
        Files.writeString(csv, "word,start_ms,end_ms,speaker\nyes,10,20,en-us+m1\nno,x,3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamScore.read(csv));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
