package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.WavBytes;
import io.pqkmcu.model.data.WavFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trim hint of a too-long clip, shell-quoted (moved from WavFileTest when WavFile left for the model module). */
class KwsEntryTest {
    @TempDir
    Path dir;

    @Test
    void suggestedTrimCommandIsShellQuoted() throws IOException {
        Path p = dir.resolve("my clip's.wav");
        Files.write(p, WavBytes.pcm(8000, 1, 16, new byte[4]).bytes());
        String trim = assertThrows(WavFormatException.class, () -> KwsEntry.checkLength(p, 20000, 16000, 16000)).getMessage();
        String part = "(sox '" + dir + "/my clip'\\''s.wav' out.wav trim 0 16000s)";
        assertTrue(trim.contains(part), "expected '" + part + "' in: " + trim);
    }
}
