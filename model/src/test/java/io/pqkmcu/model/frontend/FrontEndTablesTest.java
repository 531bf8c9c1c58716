package io.pqkmcu.model.frontend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontEndTablesTest {
    private final FrontEndConfig mfcc = FrontEndConfig.mfccDefault();
    private final FrontEndTables tables = FrontEndTables.of(mfcc);

    @Test
    void periodicHannIsSymmetricAroundItsCentre() {
        short[] w = tables.window();
        assertEquals(480, w.length);
        assertEquals(0, w[0]);
        assertEquals(32767, w[240]);
        for (int i = 1; i < w.length; i++) {
            // Periodic Hann: w[i] == w[N − i].
            assertEquals(w[i], w[w.length - i], "window symmetry at " + i);
        }
    }

    @Test
    void twiddlesAreQ15UnitCircle() {
        short[] c = tables.twiddleCos();
        short[] s = tables.twiddleSin();
        assertEquals(257, c.length); // REAL FFT: k up to N/2 for the split step
        assertEquals(-32767, c[256]);
        assertEquals(256, FrontEndTables.of(FrontEndConfig.mfccDefault().withFft(FrontEndConfig.FftKind.COMPLEX))
                .twiddleCos().length);
        assertEquals(32767, c[0]);
        assertEquals(0, s[0]);
        assertEquals(0, c[128]);
        assertEquals(-32767, s[128]);
        for (int k = 0; k < c.length; k++) {
            double r = Math.hypot(c[k], s[k]);
            assertTrue(Math.abs(r - 32767) < 1.0, "twiddle " + k + " has modulus " + r);
        }
    }

    @Test
    void melWeightsAreNonNegativeAndPeakAtBandCentres() {
        List<MelBand> bands = tables.melBands();
        assertEquals(40, bands.size());
        double binHz = (double) mfcc.sampleRate() / mfcc.fftSize();
        int previousPeak = -1;
        for (int m = 0; m < bands.size(); m++) {
            MelBand b = bands.get(m);
            short[] w = b.weights();
            assertTrue(w.length > 0);
            assertTrue(w[0] != 0 && w[w.length - 1] != 0, "zero ends must be trimmed");
            int peak = b.firstBin();
            for (int i = 0; i < w.length; i++) {
                assertTrue(w[i] >= 0 && w[i] <= 32767, "weight out of Q15 range");
                if (w[i] > b.weightAt(peak)) {
                    peak = b.firstBin() + i;
                }
            }
            double centreHz = FrontEndTables.melToHz(FrontEndTables.edgeMel(mfcc, m + 1));
            assertTrue(Math.abs(peak * binHz - centreHz) <= binHz,
                    "band " + m + " peaks at bin " + peak + " but its centre is " + centreHz + " Hz");
            assertTrue(peak >= previousPeak, "band peaks must not go down");
            previousPeak = peak;
            // Rises then falls: a triangle.
            int k = 0;
            while (k + 1 < w.length && w[k + 1] >= w[k]) {
                k++;
            }
            while (k + 1 < w.length) {
                assertTrue(w[k + 1] <= w[k], "band " + m + " is not a triangle");
                k++;
            }
        }
        int lastBin = bands.get(39).firstBin() + bands.get(39).binCount() - 1;
        assertTrue(lastBin * binHz < 4000.0, "no weight above highHz");
    }

    @Test
    void dctRowsAreNearlyOrthogonal() {
        FrontEndConfig c = new FrontEndConfig(FrontEndConfig.FeatureType.MFCC, 16000, 16000, 480, 320, 512, 40, 20, 4000, 13);
        short[] d = FrontEndTables.of(c).dct();
        assertEquals(13 * 40, d.length);
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 13; j++) {
                double dot = 0;
                for (int m = 0; m < 40; m++) {
                    dot += (double) d[i * 40 + m] * d[j * 40 + m];
                }
                dot /= 32768.0 * 32768.0;
                double expected = i == j ? (i == 0 ? 2.0 : 1.0) : 0.0; // sqrt(2/M) on row 0 doubles its norm
                assertEquals(expected, dot, 1e-3, "row " + i + " · row " + j);
            }
        }
    }

    @Test
    void logMelHasNoDct() {
        assertEquals(0, FrontEndTables.of(FrontEndConfig.logMelDefault()).dct().length);
    }

    @Test
    void tablesAreCachedAndImmutable() {
        assertSame(tables, FrontEndTables.of(FrontEndConfig.mfccDefault()));
        tables.window()[240] = 0;
        assertEquals(32767, tables.window()[240]);
    }

    @Test
    void emptyMelBandIsRejectedWithAHint() {
        FrontEndConfig tooFine = new FrontEndConfig(FrontEndConfig.FeatureType.LOG_MEL, 16000, 16000, 256, 128, 256, 128, 20, 8000, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrontEndTables.of(tooFine));
        assertTrue(e.getMessage().contains("contains no FFT bin"), e.getMessage());
    }

    @Test
    void scratchWordsCountsFftMelAndOneFrame() {
        assertEquals(512 + 1 + 40 + 10, tables.scratchWords());
        assertEquals(2 * 512 + 40 + 10,
                FrontEndTables.of(FrontEndConfig.mfccDefault().withFft(FrontEndConfig.FftKind.COMPLEX)).scratchWords());
    }

    @Test
    void realFftTablesReverseGroupBitsAndCoverTheMelBins() {
        int[] rev = tables.bitReverse();
        assertEquals(64, rev.length); // N / 8 groups of four points
        assertEquals(0, rev[0]);
        assertEquals(32, rev[1]);
        assertEquals(63, rev[63]);
        assertEquals(128, tables.spectrumBins()); // 4000 Hz is bin 128 (31.25 Hz per bin), the last filter's zero
    }
}
