package io.pqkmcu.codegen.sparse;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseTableEncoderTest {

    /** Worked by hand: see the bit layout in the comments. */
    @Test
    void encodesASmallRowExactlyAsSpecified() {
        byte[] w = {0, 0, 5, 0, -3, 0, 0, 0, 0, 0, 0, 0, 7};
        SparseTable t = SparseTableEncoder.encode(new WeightMatrix(1, 13, w));
        // b = min|w| = 3; max - b = 4 < 2^(v-1) -> v = 4; gaps 2, 1, 7.
        // Total bits: g=1 25, g=2 22, g=3 24, g=4 24 ... -> g = 2 (escape 3).
        assertEquals(3, t.valueBase());
        assertEquals(4, t.valueBits());
        assertEquals(2, t.gapBits());
        assertEquals(22, t.totalBits());
        assertEquals(5, t.entries()); // 3 weights + 2 escapes before the 7
        assertEquals(3, t.nonZeros());
        // [G=2: 0,1][V=4: 0,0,1,0][G=1: 1,0][V=1: 1,0,0,0][esc: 1,1][esc: 1,1][G=1: 1,0][V=8: 0,0,0,1], LSB first
        assertArrayEquals(new byte[] {0x52, (byte) 0xf1, 0x21}, t.stream());
    }

    @Test
    void allZeroTensorIsAnEmptyStream() {
        SparseTable t = SparseTableEncoder.encode(new WeightMatrix(3, 4, new byte[12]));
        assertEquals(0, t.streamBytes());
        assertEquals(0, t.entries());
        assertArrayEquals(new byte[12], SparseTableDecoder.decode(t).values());
    }

    @Test
    void denseAndSingleValueTensorsRoundTrip() {
        byte[] full = new byte[64];
        for (int i = 0; i < full.length; i++) {
            full[i] = (byte) (i % 2 == 0 ? 127 : -127);
        }
        SparseTable t = SparseTableEncoder.encode(new WeightMatrix(8, 8, full));
        assertEquals(1, t.valueBits(), "one magnitude needs only the sign bit");
        assertEquals(127, t.valueBase());
        assertArrayEquals(full, SparseTableDecoder.decode(t).values());
    }

    @Test
    void roundTripsRandomMatricesAndPicksTheCheapestGapWidth() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rnd.nextInt(20);
            int cols = 1 + rnd.nextInt(300);
            double sparsity = rnd.nextDouble();
            int minMag = 1 + rnd.nextInt(60);
            byte[] w = randomWeights(rnd, rows * cols, sparsity, minMag, 127);
            WeightMatrix m = new WeightMatrix(rows, cols, w);
            SparseTable t = SparseTableEncoder.encode(m);
            assertArrayEquals(w, SparseTableDecoder.decode(t).values(), "trial " + trial);
            assertEquals((t.totalBits() + 7) / 8, t.streamBytes());
            assertEquals(m.maxRowNonZeros(), t.maxRowNonZeros());
            if (t.nonZeros() > 0) {
                int[] gaps = gaps(w);
                for (int g = 1; g <= 8; g++) {
                    assertTrue(SparseTableEncoder.totalBits(gaps, g, t.valueBits()) >= t.totalBits(),
                            "g=" + g + " would be smaller than the chosen g=" + t.gapBits());
                }
                int maxMag = 0;
                int min = 127;
                for (byte b : w) {
                    if (b != 0) {
                        maxMag = Math.max(maxMag, Math.abs(b));
                        min = Math.min(min, Math.abs(b));
                    }
                }
                assertEquals(min, t.valueBase());
                assertTrue(maxMag - t.valueBase() < (1 << (t.valueBits() - 1)));
                assertTrue(t.valueBits() == 1 || maxMag - t.valueBase() >= (1 << (t.valueBits() - 2)), "v is not minimal");
            }
        }
    }

    /** Bytes per non-zero (indices included) for uniform int8 weights at random positions, as in DESIGN.md. */
    @Test
    void bytesPerNonZeroAtRandomSparsity() {
        Random rnd = new Random(7);
        double at50 = bytesPerNonZero(rnd, 0.5);
        double at80 = bytesPerNonZero(rnd, 0.8);
        double at90 = bytesPerNonZero(rnd, 0.9);
        System.out.printf("PQKS1 bytes per non-zero (uniform values in [-127,127]): 50%% %.3f, 80%% %.3f, 90%% %.3f%n",
                at50, at80, at90);
        assertTrue(at50 <= 1.30, "50 %: " + at50);
        assertTrue(at80 <= 1.50, "80 %: " + at80);
        assertTrue(at90 <= 1.70, "90 %: " + at90);
        assertTrue(at50 < at80 && at80 < at90, "sparser tensors pay more index bits per weight");
    }

    @Test
    void decoderRejectsCorruptTables() {
        byte[] w = {0, 0, 5, 0, -3, 0, 0, 0, 0, 0, 0, 0, 7};
        SparseTable t = SparseTableEncoder.encode(new WeightMatrix(1, 13, w));
        SparseTable truncated = new SparseTable(t.gapBits(), t.valueBits(), t.valueBase(), t.entries(), t.nonZeros(),
                t.rows(), t.cols(), t.maxRowNonZeros(), t.totalBits(), new byte[] {t.stream()[0]});
        assertThrows(IllegalArgumentException.class, () -> SparseTableDecoder.decode(truncated));
        SparseTable tooShortMatrix = new SparseTable(t.gapBits(), t.valueBits(), t.valueBase(), t.entries(), t.nonZeros(),
                1, 12, t.maxRowNonZeros(), t.totalBits(), t.stream());
        assertThrows(IllegalArgumentException.class, () -> SparseTableDecoder.decode(tooShortMatrix));
    }

    static double bytesPerNonZero(Random rnd, double sparsity) {
        byte[] w = randomWeights(rnd, 64 * 576, sparsity, 1, 127);
        return SparseTableEncoder.encode(new WeightMatrix(64, 576, w)).bytesPerNonZero();
    }

    static byte[] randomWeights(Random rnd, int n, double sparsity, int minMag, int maxMag) {
        byte[] w = new byte[n];
        for (int i = 0; i < n; i++) {
            if (rnd.nextDouble() >= sparsity) {
                int m = minMag + rnd.nextInt(maxMag - minMag + 1);
                w[i] = (byte) (rnd.nextBoolean() ? m : -m);
            }
        }
        return w;
    }

    private static int[] gaps(byte[] w) {
        int n = 0;
        for (byte b : w) {
            if (b != 0) {
                n++;
            }
        }
        int[] gaps = new int[n];
        int i = 0;
        int prev = -1;
        for (int p = 0; p < w.length; p++) {
            if (w[p] != 0) {
                gaps[i++] = p - prev - 1;
                prev = p;
            }
        }
        return gaps;
    }
}
