package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** espeak-ng with speaker transforms: varied speakers, accent voices, still byte-identical for a seed. */
class SpeakerTransformsTest {
    @TempDir
    Path dir;

    @Test
    void transformedSpeakersVaryAndTheirClipsAreDeterministic() throws IOException {
        SynthOptions o = SynthOptions.defaults().withSeed(11).withWords(List.of("yes", "off"), List.of("bed"), 2)
                .withSpeakers(12).withRepetitions(1).withNoise(0.8, 5, 30, 10).withThreads(2).withVariety(SpeakerVariety.TRANSFORMS);
        SynthResult r = new SyntheticKwsGenerator(o, null).generate(dir.resolve("a"));
        Set<Integer> warps = new HashSet<>();
        Set<Acoustics.Channel> channels = new HashSet<>();
        int rooms = 0;
        for (SynthResult.Assigned a : r.speakers()) {
            SynthSpeaker s = a.speaker();
            assertTrue(s.warpPermille() >= SyntheticKwsGenerator.WARP_MIN && s.warpPermille() <= SyntheticKwsGenerator.WARP_MAX);
            warps.add(s.warpPermille());
            channels.add(s.channel());
            rooms += s.room() > 0 ? 1 : 0;
        }
        assertTrue(warps.size() > 3 && channels.size() > 1 && rooms > 0 && rooms < 12,
                "warps " + warps + ", channels " + channels + ", rooms " + rooms);
        new SyntheticKwsGenerator(o, null).generate(dir.resolve("b"));
        for (String word : List.of("yes", "off", "bed")) {
            try (var s = Files.list(dir.resolve("a").resolve(word))) {
                for (Path p : s.toList()) {
                    short[] x = WavFile.readKwsClip(p, 16000);
                    assertEquals(16000, x.length);
                    assertTrue(Pcm.peak(x) > 2000, p + " is not silent");
                    assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(dir.resolve("b").resolve(word)
                            .resolve(p.getFileName())), p.toString());
                }
            }
        }
        String json = Files.readString(dir.resolve("a").resolve("synth.json"));
        assertTrue(json.contains("\"speakerVariety\": \"transforms\"") && json.contains("\"de\""), "accent voices listed");
    }
}
