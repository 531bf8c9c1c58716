package io.pqkmcu.model.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PcmTest {
    @Test
    void saturatesInsteadOfWrapping() {
        assertEquals(Short.MAX_VALUE, Pcm.saturate(40000L));
        assertEquals(Short.MIN_VALUE, Pcm.saturate(-40000.0));
        assertEquals(3, Pcm.saturate(2.5));
        assertEquals(0, Pcm.saturate(Double.NaN));
    }

    @Test
    void trimsSilenceAroundTheLoudPart() {
        short[] x = new short[16000];
        for (int i = 5000; i < 8000; i++) {
            x[i] = (short) (i % 2 == 0 ? 3000 : -3000);
        }
        x[100] = 5; // a click far below the threshold stays outside
        short[] t = Pcm.trimSilence(x, 16000, 0.05);
        // 10 ms frames of 160 samples: loud frames 31..49, one frame of margin each side
        assertEquals((51 - 30) * 160, t.length);
        assertEquals(0, Pcm.trimSilence(new short[500], 16000, 0.05).length);
    }

    @Test
    void rmsAndPeak() {
        assertEquals(5.0, Pcm.rms(new short[] {3, -4, 3, -4, 5, 5, 5, 5}, 4, 8));
        assertEquals(32768, Pcm.peak(new short[] {1, Short.MIN_VALUE}));
    }
}
