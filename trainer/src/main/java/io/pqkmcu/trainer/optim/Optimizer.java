package io.pqkmcu.trainer.optim;

import io.pqkmcu.trainer.nn.NamedArray;

import java.util.List;

/** Updates parameters from their accumulated gradients. Its state is checkpointed, so resuming is exact. */
public interface Optimizer {
    /** One update with learning rate {@code lr}. */
    void step(float lr);

    /** Moments, velocities and step counters, by stable names (part of the checkpoint). */
    List<NamedArray> state();
}
