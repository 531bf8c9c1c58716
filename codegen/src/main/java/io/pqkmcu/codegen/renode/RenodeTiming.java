package io.pqkmcu.codegen.renode;

import io.pqkmcu.boards.Board;

/**
 * Virtual time in Renode, fixed so that the firmware's SysTick counts instructions exactly as it does under QEMU
 * {@code -icount shift=}{@value Board#QEMU_ICOUNT_SHIFT}.
 *
 * <p>The firmware converts SysTick ticks to instructions with QEMU's factor: one instruction is 2^6 = 64 ns of
 * virtual time, so {@code systick.hz × 64 ns} ticks ({@link Board#instructionScale()}). Renode advances virtual
 * time by {@code 1 / PerformanceInMips} µs per instruction and counts SysTick at its NVIC's own frequency (each
 * stock platform picks one: 72 MHz on the STM32F4, 216 MHz on the F7, 419 MHz on the nRF52840; the F7's platform
 * also sets 462 MIPS). The generated {@code .resc} therefore sets both:
 * <ul>
 *   <li>the CPU at {@value #MIPS} MIPS, so one instruction is exactly {@value #NANOS_PER_INSTRUCTION} ns (Renode keeps
 *       time in whole nanoseconds, so a rate that does not divide 1000 would leave remainders);</li>
 *   <li>SysTick at {@link #systickHz(Board)} = 64 / 8 = 8 × the board's {@code systick.hz}, so one instruction is
 *       the same number of ticks as under QEMU, and the firmware's factor turns them back into instructions.</li>
 * </ul>
 * Renode synchronises the CPU's time when the firmware reads SysTick's counter, so the reads are exact to the
 * instruction, and the counts repeat from run to run.
 */
public final class RenodeTiming {
    /** Instructions per emulated microsecond. */
    public static final int MIPS = 125;
    /** Virtual time per instruction at {@link #MIPS}. */
    static final int NANOS_PER_INSTRUCTION = 1000 / MIPS;

    private RenodeTiming() {}

    /** Renode's SysTick runs this many times faster than the board's: QEMU's 64 ns per instruction over ours. */
    static final int SYSTICK_FACTOR = (1 << Board.QEMU_ICOUNT_SHIFT) / NANOS_PER_INSTRUCTION;

    /** The SysTick frequency Renode's NVIC must run at for {@code board}'s firmware to count instructions. */
    public static long systickHz(Board board) {
        return board.clocks().systickHz() * SYSTICK_FACTOR;
    }
}
