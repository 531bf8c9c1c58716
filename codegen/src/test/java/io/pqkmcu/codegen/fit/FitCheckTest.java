package io.pqkmcu.codegen.fit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitCheckTest {
    private static final BoardLimits BOARD = new BoardLimits("tiny-m0", 65536, 8192);

    @Test
    void modelThatFitsPasses() {
        assertDoesNotThrow(() -> FitCheck.check(new ResourceUsage(40000, 2000, 8000, 3000, 4096), BOARD));
        // exactly full is still a fit
        assertDoesNotThrow(() -> FitCheck.check(new ResourceUsage(50000, 7536, 8000, 4096, 4096), BOARD));
    }

    @Test
    void flashOverflowNamesTheBytesOver() {
        BoardFitException e = assertThrows(BoardFitException.class,
                () -> FitCheck.check(new ResourceUsage(60000, 1000, 9432, 1000, 4096), BOARD));
        assertTrue(e.getMessage().contains("'tiny-m0'"), e.getMessage());
        assertTrue(e.getMessage().contains("flash: needs 70432 B but the board has 65536 B, 4896 B over"), e.getMessage());
        assertTrue(!e.getMessage().contains("RAM"), e.getMessage());
    }

    @Test
    void ramOverflowNamesArenaAndStack() {
        BoardFitException e = assertThrows(BoardFitException.class,
                () -> FitCheck.check(new ResourceUsage(100, 100, 100, 5000, 4096), BOARD));
        assertTrue(e.getMessage().contains("RAM: needs 9096 B but the board has 8192 B, 904 B over (arena 5000 B, stack reserve 4096 B)"),
                e.getMessage());
    }

    @Test
    void bothOverflowsAreReportedTogether() {
        BoardFitException e = assertThrows(BoardFitException.class,
                () -> FitCheck.check(new ResourceUsage(70000, 0, 0, 9000, 0), BOARD));
        assertTrue(e.getMessage().contains("flash") && e.getMessage().contains("RAM"), e.getMessage());
    }

    @Test
    void testInputsThatOverflowAreBlamedNotTheModel() {
        // the model takes 50000 B of 65536; 40 test inputs of 1000 B each do not fit beside it, 15 do
        BoardFitException e = assertThrows(BoardFitException.class,
                () -> FitCheck.check(new ResourceUsage(40000, 2000, 8000, 3000, 4096, 40000, 40), BOARD));
        assertTrue(e.getMessage().contains("the 40 test inputs do not fit in the flash of board 'tiny-m0' beside the "
                + "model: the model needs 50000 B of the 65536 B, which leaves 15536 B, and the test inputs take 40000 B "
                + "(1000 B each). At most 15 fit: pass --test-clips 15"), e.getMessage());
        assertTrue(!e.getMessage().contains("the model does not fit"), e.getMessage());
        assertDoesNotThrow(() -> FitCheck.check(new ResourceUsage(40000, 2000, 8000, 3000, 4096, 15000, 15), BOARD));
        // a model that does not fit by itself is still the model's problem, test data listed apart
        BoardFitException m = assertThrows(BoardFitException.class,
                () -> FitCheck.check(new ResourceUsage(70000, 0, 0, 100, 0, 500, 1), BOARD));
        assertTrue(m.getMessage().contains("the model does not fit") && m.getMessage().contains("test data 500 B"),
                m.getMessage());
    }
}
