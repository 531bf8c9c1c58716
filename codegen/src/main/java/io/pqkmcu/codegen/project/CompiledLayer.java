package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.trainer.model.AveragePool2DOp;
import io.pqkmcu.trainer.model.Conv2DOp;
import io.pqkmcu.trainer.model.DepthwiseConv2DOp;
import io.pqkmcu.trainer.model.FullyConnectedOp;
import io.pqkmcu.trainer.model.Op;

/**
 * One op after the generator's decisions: its C name, storage format, kernel and scratch.
 *
 * @param sym          unique C identifier of the layer
 * @param choice       the format choice, or null for ops without weights
 * @param scratchBytes kernel scratch (sparse decode buffers), 0 when none
 */
record CompiledLayer(int index, Op op, String sym, Kernel kernel, LayerFormatChoice choice, int scratchBytes) {

    boolean sparse() {
        return choice != null && choice.format() == LayerFormat.SPARSE;
    }

    /** The kernel that runs {@code op} in the given format. */
    static Kernel kernelFor(Op op, boolean sparse) {
        if (op instanceof Conv2DOp) {
            return sparse ? Kernel.CONVOLVE_SPARSE : Kernel.CONVOLVE;
        }
        if (op instanceof DepthwiseConv2DOp) {
            return sparse ? Kernel.DEPTHWISE_CONV_SPARSE : Kernel.DEPTHWISE_CONV;
        }
        if (op instanceof FullyConnectedOp) {
            return sparse ? Kernel.FULLY_CONNECTED_SPARSE : Kernel.FULLY_CONNECTED;
        }
        if (op instanceof AveragePool2DOp) {
            return Kernel.AVGPOOL;
        }
        throw new UnsupportedModelException("layer '" + op.name() + "': operation " + op.kind()
                + " is not supported by the code generator");
    }
}
