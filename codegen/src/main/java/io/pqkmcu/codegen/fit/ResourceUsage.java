package io.pqkmcu.codegen.fit;

/**
 * What a generated model needs on the device.
 *
 * @param weightBytes       dense weight arrays and sparse table streams (flash)
 * @param parameterBytes    biases, multipliers, shifts, table descriptors, labels, test vectors (flash)
 * @param codeBytes         estimated code: kernels, model op sequence and firmware runtime (flash)
 * @param arenaBytes        the static activation + scratch arena (RAM)
 * @param stackReserveBytes stack and other RAM the firmware keeps beside the arena
 */
public record ResourceUsage(long weightBytes, long parameterBytes, long codeBytes, long arenaBytes,
                            long stackReserveBytes) {
    /** Default RAM kept for the stack, the board runtime and C library data. */
    public static final long DEFAULT_STACK_RESERVE = 4096;

    public long flashBytes() {
        return weightBytes + parameterBytes + codeBytes;
    }

    public long ramBytes() {
        return arenaBytes + stackReserveBytes;
    }
}
