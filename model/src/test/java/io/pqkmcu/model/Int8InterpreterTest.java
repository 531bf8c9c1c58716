package io.pqkmcu.model;

import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The reference interpreter on a graph small enough to compute by hand. */
class Int8InterpreterTest {
    @Test
    void computesTheHandDerivedResult() {
        Int8Model m = TinyModels.convPoolFc();
        byte[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // zero point 1 → offsets 0..8
        byte[][] all = new Int8Interpreter(m).runAll(in);
        // conv filter 0 = [[1,2],[3,4]], bias 10, multiplier 0.5: window (0,0): 0+2+9+16=27 → 37·0.5=18.5→19 (−3) = 16
        // window (0,1): 1·1+2·2+4·3+5·4=37 → 47·0.5=23.5→24 −3 = 21; (1,0): 3+8+18+28=57 → 67→33.5→34 −3 = 31;
        // (1,1): 4+10+21+32=67 → 77→38.5→39 −3 = 36.
        // filter 1 = [[-1,0],[0,1]], bias −5: every window gives 4 → acc −1 → −0.5, which TFLite's
        // doubling high multiply rounds toward +∞ to 0 → 0 − 3 = −3.
        assertArrayEquals(new byte[] {16, -3, 21, -3, 31, -3, 36, -3}, all[1]);
        // pool: (16+21+31+36)/4 = 26; (−12)/4 = −3.
        assertArrayEquals(new byte[] {26, -3}, all[2]);
        // fc input offsets +3: [29, 0]; multiplier 1.0 (2^30, shift 1):
        // out0 = 29; out1 = 0 + 1 = 1; out2 = 58 − 0 + 2 = 60.
        assertArrayEquals(new byte[] {29, 1, 60}, all[3]);
    }

    @Test
    void rejectsAnInputOfTheWrongSize() {
        Int8Interpreter interp = new Int8Interpreter(TinyModels.convPoolFc());
        assertThrows(IllegalArgumentException.class, () -> interp.run(new byte[8]));
    }
}
