package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

import java.util.List;

/**
 * A node of the network graph with forward and backward passes over its input tensors (one for most
 * layers, two for the residual {@link Add}). Gradients accumulate into its {@link Param}s.
 */
public interface Layer {
    String name();

    /** Number of input tensors. */
    default int arity() {
        return 1;
    }

    /** Computes the output from {@link #arity()} inputs; a training pass saves what backward needs in {@code pass}. */
    Tensor forwardNode(Tensor[] inputs, Pass pass);

    /** Given dLoss/dOutput of the matching forward pass, accumulates parameter gradients, returns dLoss/dInput per input. */
    Tensor[] backwardNode(Tensor gradOut, Pass pass);

    default List<Param> params() {
        return List.of();
    }

    /** Non-trainable state saved in checkpoints (running statistics, masks, observers). */
    default List<NamedArray> state() {
        return List.of();
    }
}
