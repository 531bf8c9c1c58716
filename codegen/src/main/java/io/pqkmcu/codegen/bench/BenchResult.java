package io.pqkmcu.codegen.bench;

/**
 * One measured configuration of `pqk bench firmware`.
 *
 * @param model             model name
 * @param sparsity          fraction of zero weights over all layers with weights
 * @param board             board id
 * @param variant           how the layers were compiled
 * @param sparseLayers      layers stored as PQKS1 tables, of layersWithWeights
 * @param weightBytes       model flash for weight values: dense int8 arrays, and the value fields of tables
 * @param indexBytes        model flash for the positions of non-zeros: the gap fields of tables (0 dense)
 * @param channelBytes      per-output-channel parameters (bias and requantization), counted apart
 * @param codeBytes         linked code of the kernels (from the map file)
 * @param arenaBytes        the static arena: activations plus kernel scratch (memory plan)
 * @param ramBytes          the firmware's whole RAM: data + bss, stack reserve included
 * @param firmwareFlashBytes the firmware's whole flash (text + data: code, weights, parameters, start-up
 *                          and test harness) without its test inputs and expected logits
 * @param instructions      instructions per inference under QEMU -icount (median of the test inputs)
 * @param nonZeros          non-zero weights of the model
 * @param tableBytes        bytes of the PQKS1 tables of the sparse layers (values and gaps)
 * @param tableNonZeros     non-zero weights of the sparse layers
 * @param bitExact          every test input's logits equal the Java int8 reference (and every stream window's)
 * @param frontEndInstructionsPerFrame front-end instructions per frame on this board (0: not measured)
 * @param streamHopInstructions front end + model + detector instructions of a warm 250 ms stream hop (0: not measured)
 */
public record BenchResult(String model, double sparsity, String board, BenchVariant variant, int sparseLayers,
                          int layersWithWeights, long weightBytes, long indexBytes, long channelBytes, long codeBytes,
                          long arenaBytes, long ramBytes, long firmwareFlashBytes, long instructions, long nonZeros,
                          long tableBytes, long tableNonZeros, boolean bitExact, long frontEndInstructionsPerFrame,
                          long streamHopInstructions) {
    /** Weights plus index data: what "model flash" counts (per-channel parameters excluded). */
    public long modelFlashBytes() {
        return weightBytes + indexBytes;
    }

    /** Model flash per non-zero weight (dense layers count all their weights' bytes). */
    public double bytesPerNonZero() {
        return nonZeros == 0 ? 0 : (double) modelFlashBytes() / nonZeros;
    }

    /** PQKS1 bytes per non-zero weight over the sparse layers only (index data included); 0 when none. */
    public double tableBytesPerNonZero() {
        return tableNonZeros == 0 ? 0 : (double) tableBytes / tableNonZeros;
    }
}
