package io.pqkmcu.codegen.device;

/**
 * One test input as the firmware reported it over the UART.
 *
 * @param label                 the input's class, −1 when unknown
 * @param predicted             argmax of the device's logits
 * @param status                pqk_status of the run (0 = PQK_OK)
 * @param mismatches            logits that differ from the Java int8 reference
 * @param frontEndInstructions  instructions of the front end (0 for int8-vector inputs)
 * @param modelInstructions     instructions of the network
 * @param logits                the device's int8 logits
 * @param layerInstructions     instructions per layer (profiling builds only; empty otherwise)
 */
public record VectorResult(int index, int label, int predicted, int status, int mismatches, long frontEndInstructions,
                           long modelInstructions, byte[] logits, long[] layerInstructions) {
    /** A result without per-layer counts (a normal, non-profiling build). */
    public VectorResult(int index, int label, int predicted, int status, int mismatches, long frontEndInstructions,
                        long modelInstructions, byte[] logits) {
        this(index, label, predicted, status, mismatches, frontEndInstructions, modelInstructions, logits, new long[0]);
    }

    /** The same result with per-layer counts attached. */
    public VectorResult withLayers(long[] layers) {
        return new VectorResult(index, label, predicted, status, mismatches, frontEndInstructions, modelInstructions,
                logits, layers.clone());
    }

    /** The same result renumbered (results of several chunks are numbered through). */
    public VectorResult renumbered(int newIndex) {
        return new VectorResult(newIndex, label, predicted, status, mismatches, frontEndInstructions, modelInstructions,
                logits, layerInstructions);
    }

    public boolean bitExact() {
        return status == 0 && mismatches == 0;
    }
}
