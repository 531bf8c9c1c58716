package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.WavFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks shared by the engine tests: every clip of a word is speech, and a second run made the same bytes. */
final class SynthClipAsserts {
    private SynthClipAsserts() {}

    static void spokenAndRepeatable(Path first, Path second, List<String> words) throws IOException {
        for (String word : words) {
            try (var s = Files.list(first.resolve(word))) {
                for (Path p : s.toList()) {
                    short[] x = WavFile.readKwsClip(p, 16000);
                    assertTrue(Pcm.peak(x) > 2000, p + " is not silent");
                    assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(second.resolve(word)
                            .resolve(p.getFileName())), p.toString());
                }
            }
        }
    }
}
