package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

import java.util.List;

/** A network layer with forward and backward passes. Gradients accumulate into its {@link Param}s. */
public interface Layer {
    String name();

    Tensor forward(Tensor x, Pass pass);

    /** Given dLoss/dOutput of the matching forward pass, accumulates parameter gradients, returns dLoss/dInput. */
    Tensor backward(Tensor gradOut, Pass pass);

    default List<Param> params() {
        return List.of();
    }

    /** Non-trainable state saved in checkpoints (running statistics, masks, observers). */
    default List<NamedArray> state() {
        return List.of();
    }
}
