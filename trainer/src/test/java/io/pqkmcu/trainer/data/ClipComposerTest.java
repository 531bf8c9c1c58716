package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipComposerTest {
    private static short[] tone(int n, int amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return s;
    }

    @Test
    void placesTheWordWholeAtAPeakWithinTheLevelRange() {
        ClipComposer c = new ClipComposer(16000, List.of(), 1.0, 10, 10);
        for (int seed = 0; seed < 20; seed++) {
            short[] clip = c.compose(tone(4000, 1000), new Random(seed));
            assertEquals(16000, clip.length);
            int first = 0;
            while (clip[first] == 0 && first < clip.length - 1) {
                first++;
            }
            int nonZero = 0;
            for (short v : clip) {
                nonZero += v != 0 ? 1 : 0;
            }
            assertTrue(nonZero <= 4000 && nonZero > 3900, "the word, and nothing else, is in the clip");
            double peakDb = 20 * Math.log10(Pcm.peak(clip) / (double) Short.MAX_VALUE);
            assertTrue(peakDb >= ClipComposer.PEAK_MIN_DBFS - 0.1 && peakDb <= ClipComposer.PEAK_MAX_DBFS + 0.1, "peak " + peakDb);
        }
    }

    @Test
    void mixesNoiseAtTheRequestedSnr() {
        short[] noise = NoiseGenerator.generate(NoiseGenerator.Kind.WHITE, new Random(1), 16000, 32000);
        ClipComposer c = new ClipComposer(16000, List.of(noise), 1.0, 10, 10);
        short[] word = tone(16000, 1000); // fills the clip, so clip − clean word = noise
        short[] clip = c.compose(word, new Random(5));
        short[] clean = new ClipComposer(16000, List.of(), 0, 10, 10).compose(word, new Random(5));
        double noisePower = 0;
        for (int i = 0; i < clip.length; i++) {
            double d = clip[i] - clean[i];
            noisePower += d * d;
        }
        double snr = 10 * Math.log10(Pcm.rms(clean) * Pcm.rms(clean) / (noisePower / clip.length));
        assertEquals(10, snr, 0.2);
    }

    @Test
    void loudMixClipsInsteadOfWrapping() {
        short[] loud = new short[16000];
        java.util.Arrays.fill(loud, Short.MAX_VALUE);
        ClipComposer c = new ClipComposer(16000, List.of(loud), 1.0, -20, -20); // noise 20 dB above the word
        short[] clip = c.compose(tone(16000, 1000), new Random(2));
        for (short v : clip) {
            assertTrue(v > 0, "wrapped to a negative value");
        }
    }

    @Test
    void rejectsAWordLongerThanTheClip() {
        ClipComposer c = new ClipComposer(100, List.of(), 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> c.compose(new short[101], new Random(0)));
    }
}
