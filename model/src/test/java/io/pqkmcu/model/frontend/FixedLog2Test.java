package io.pqkmcu.model.frontend;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedLog2Test {
    private static double exactQ16(long v) {
        // Unsigned value of v (v < 0 stands for 2^63 and above).
        double d = v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
        return 65536.0 * Math.log(d) / Math.log(2.0);
    }

    private static void assertWithinBound(long v) {
        double err = FixedLog2.log2Q16(v) - exactQ16(v);
        assertTrue(Math.abs(err) < FixedLog2.MAX_ERROR_Q16,
                () -> "log2Q16(" + Long.toUnsignedString(v) + ") off by " + err + " Q16 units");
    }

    @Test
    void exactPowersOfTwo() {
        for (int n = 0; n < 64; n++) {
            assertEquals(n << 16, FixedLog2.log2Q16(1L << n), "2^" + n);
        }
    }

    @Test
    void tableEndsAreZeroAndOne() {
        int[] t = FixedLog2.table();
        assertEquals(FixedLog2.TABLE_SIZE, t.length);
        assertEquals(0, t[0]);
        assertEquals(65536, t[256]);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] > t[i - 1], "table must increase");
        }
    }

    @Test
    void smallValuesExhaustively() {
        for (long v = 1; v <= 200_000; v++) {
            assertWithinBound(v);
        }
    }

    @Test
    void randomValuesOverTheWholeRange() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 500_000; i++) {
            int bits = 1 + rnd.nextInt(64);
            long v = bits == 64 ? rnd.nextLong() | Long.MIN_VALUE : (rnd.nextLong() >>> (64 - bits)) | (1L << (bits - 1));
            assertWithinBound(v);
        }
        assertWithinBound(-1L); // 2^64 − 1
    }

    @Test
    void zeroIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> FixedLog2.log2Q16(0));
    }
}
