package io.pqkmcu.codegen.renode;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.boards.InstructionScale;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RenodeTimingTest {
    @Test
    void oneInstructionIsWholeNanoseconds() {
        assertEquals(0, 1000 % RenodeTiming.MIPS, "Renode keeps virtual time in whole nanoseconds");
        assertEquals(8, RenodeTiming.NANOS_PER_INSTRUCTION);
    }

    @Test
    void theFirmwaresQemuFactorTurnsRenodesTicksBackIntoInstructions() {
        for (Board b : BoardCatalog.all()) {
            if (!b.runsInRenode()) {
                continue;
            }
            long hz = RenodeTiming.systickHz(b);
            assertEquals(8 * b.clocks().systickHz(), hz, b.id());
            // A million instructions in Renode: 8 ms of virtual time, this many SysTick ticks ...
            long instructions = 1_000_000;
            long nanos = instructions * RenodeTiming.NANOS_PER_INSTRUCTION;
            long ticks = hz * nanos / 1_000_000_000L;
            // ... which the firmware's factor (made for QEMU's 64 ns per instruction) reads back, to within one
            // tick's worth of instructions.
            InstructionScale scale = b.instructionScale();
            long perTick = (scale.numerator() + scale.denominator() - 1) / scale.denominator();
            long read = scale.instructions(ticks);
            assertEquals(instructions, read, perTick, b.id());
        }
    }
}
