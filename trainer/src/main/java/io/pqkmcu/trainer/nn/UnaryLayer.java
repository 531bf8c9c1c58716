package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

/** A layer with one input: it implements the single-tensor passes, the graph calls them through {@link Layer}. */
public interface UnaryLayer extends Layer {
    Tensor forward(Tensor x, Pass pass);

    /** Given dLoss/dOutput of the matching forward pass, accumulates parameter gradients, returns dLoss/dInput. */
    Tensor backward(Tensor gradOut, Pass pass);

    @Override
    default Tensor forwardNode(Tensor[] inputs, Pass pass) {
        return forward(inputs[0], pass);
    }

    @Override
    default Tensor[] backwardNode(Tensor gradOut, Pass pass) {
        return new Tensor[] {backward(gradOut, pass)};
    }
}
