package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.model.Op;

/**
 * One op after the generator's decisions: its C name, storage format, kernel, scratch and whether it
 * runs in place.
 *
 * @param sym          unique C identifier of the layer
 * @param choice       the format choice, or null for ops without weights
 * @param scratchBytes kernel scratch (im2col blocks, decoded tables, ring rows), 0 when none
 * @param inPlaceInput the input tensor id whose buffer the output shares (the kernel runs in place), or -1
 */
record CompiledLayer(int index, Op op, String sym, Kernel kernel, LayerFormatChoice choice, int scratchBytes,
                     int inPlaceInput) {

    boolean sparse() {
        return choice != null && choice.format() == LayerFormat.SPARSE;
    }

    boolean inPlace() {
        return inPlaceInput >= 0;
    }
}
