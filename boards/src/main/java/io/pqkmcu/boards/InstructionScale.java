package io.pqkmcu.boards;

import java.math.BigInteger;

/**
 * Instructions per SysTick tick under QEMU {@code -icount shift=S}, as an exact fraction.
 *
 * <p>With {@code -icount shift=S} every instruction advances QEMU's virtual clock by 2^S ns, and
 * SysTick (CLKSOURCE = processor clock) advances by {@code systickHz} ticks per virtual second. So
 * one instruction is {@code 2^S * systickHz / 1e9} ticks and
 * {@code instructions = ticks * 1e9 / (systickHz * 2^S)}, reduced here to lowest terms
 * (25 MHz, S = 6: 5/8; 20 MHz, S = 6: 25/32). The firmware applies the same fraction in
 * {@code pqk_board_instructions()} from {@code pqk_board_config.h}.
 */
public record InstructionScale(long numerator, long denominator) {
    public InstructionScale {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("instruction scale must be positive: " + numerator + "/" + denominator);
        }
    }

    /** The scale for a SysTick clocked at {@code systickHz} under {@code -icount shift=icountShift}. */
    public static InstructionScale of(long systickHz, int icountShift) {
        if (systickHz <= 0) {
            throw new IllegalArgumentException("SysTick clock must be positive, got " + systickHz + " Hz");
        }
        if (icountShift < 0 || icountShift > 10) {
            throw new IllegalArgumentException("icount shift must be in 0..10, got " + icountShift);
        }
        BigInteger num = BigInteger.valueOf(1_000_000_000L);
        BigInteger den = BigInteger.valueOf(systickHz).shiftLeft(icountShift);
        BigInteger gcd = num.gcd(den);
        return new InstructionScale(num.divide(gcd).longValueExact(), den.divide(gcd).longValueExact());
    }

    /** Instructions for a tick count, rounded down as the firmware does. */
    public long instructions(long ticks) {
        return BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(numerator))
                .divide(BigInteger.valueOf(denominator)).longValueExact();
    }
}
