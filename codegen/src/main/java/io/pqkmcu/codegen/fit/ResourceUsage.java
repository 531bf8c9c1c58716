package io.pqkmcu.codegen.fit;

/**
 * What a generated model needs on the device.
 *
 * @param weightBytes       dense weight arrays and sparse table streams (flash)
 * @param parameterBytes    biases, multipliers, shifts, table descriptors, labels (flash)
 * @param codeBytes         estimated code: kernels, model op sequence and firmware runtime (flash)
 * @param arenaBytes        the static activation + scratch arena (RAM)
 * @param stackReserveBytes stack and other RAM the firmware keeps beside the arena
 * @param testDataBytes     the firmware application's data: test inputs with their expected outputs and labels,
 *                          or a stream's audio (flash); counted apart, since it is not the model
 * @param testInputs        how many test inputs {@code testDataBytes} holds (0 for a stream, which cannot be cut)
 */
public record ResourceUsage(long weightBytes, long parameterBytes, long codeBytes, long arenaBytes,
                            long stackReserveBytes, long testDataBytes, int testInputs) {
    /** Default RAM kept for the stack, the board runtime and C library data. */
    public static final long DEFAULT_STACK_RESERVE = 4096;

    /** A model without application data. */
    public ResourceUsage(long weightBytes, long parameterBytes, long codeBytes, long arenaBytes, long stackReserveBytes) {
        this(weightBytes, parameterBytes, codeBytes, arenaBytes, stackReserveBytes, 0, 0);
    }

    /** Flash of the model and the application, test data included. */
    public long flashBytes() {
        return modelFlashBytes() + testDataBytes;
    }

    /** Flash of the model and its code alone. */
    public long modelFlashBytes() {
        return weightBytes + parameterBytes + codeBytes;
    }

    public long ramBytes() {
        return arenaBytes + stackReserveBytes;
    }
}
