package io.pqkmcu.model.interp;

import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;

/**
 * The int8 reference: runs a model exactly as the int8 contract defines it. The generated C, on the
 * host and on every board, must reproduce its outputs bit for bit.
 */
public final class Int8Interpreter {
    private final Int8Model model;

    public Int8Interpreter(Int8Model model) {
        this.model = model;
    }

    /** Runs the graph on one input and returns the int8 logits. */
    public byte[] run(byte[] input) {
        return runAll(input)[model.outputId()];
    }

    /** Runs the graph and returns every tensor (indexed by id), for layer-by-layer comparisons. */
    public byte[][] runAll(byte[] input) {
        TensorSpec inSpec = model.input();
        if (input.length != inSpec.size()) {
            throw new IllegalArgumentException("input has " + input.length + " values, model '" + model.name()
                    + "' expects " + inSpec.shapeString() + " = " + inSpec.size());
        }
        byte[][] values = new byte[model.tensors().size()][];
        values[model.inputId()] = input.clone();
        for (Op op : model.ops()) {
            TensorSpec src = model.tensor(op.inputs().get(0));
            TensorSpec dst = model.tensor(op.output());
            byte[] in = values[src.id()];
            byte[] out = new byte[dst.size()];
            if (op instanceof Conv2DOp c) {
                Conv2DKernel.run(c, src, in, dst, out);
            } else if (op instanceof DepthwiseConv2DOp d) {
                DepthwiseConv2DKernel.run(d, src, in, dst, out);
            } else if (op instanceof FullyConnectedOp f) {
                FullyConnectedKernel.run(f, src, in, dst, out);
            } else if (op instanceof AveragePool2DOp p) {
                AveragePool2DKernel.run(p, src, in, dst, out);
            } else if (op instanceof MaxPool2DOp p) {
                MaxPool2DKernel.run(p, src, in, dst, out);
            } else if (op instanceof SoftmaxOp sm) {
                SoftmaxKernel.run(sm, src, in, out);
            } else if (op instanceof AddOp a) {
                TensorSpec src2 = model.tensor(a.input2());
                AddKernel.run(a, src, in, src2, values[src2.id()], dst, out);
            } else {
                throw new IllegalStateException("no int8 kernel for " + op.kind());
            }
            values[dst.id()] = out;
        }
        return values;
    }

    /** Index of the largest logit (the first one on ties, as the firmware does). */
    public static int argmax(byte[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
