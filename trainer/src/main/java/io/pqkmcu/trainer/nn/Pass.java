package io.pqkmcu.trainer.nn;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One forward/backward pass: the branch, whether it trains, and each layer's saved activations.
 * Keeping the caches here (not in the layers) lets the teacher and student passes coexist.
 */
public final class Pass {
    public final Branch branch;
    public final boolean training;
    /** Seeds per-step randomness (dropout) so that a resumed run repeats an uninterrupted one. */
    public final long randomSeed;
    private final Map<Layer, Object> caches = new IdentityHashMap<>();

    public Pass(Branch branch, boolean training, long randomSeed) {
        this.branch = branch;
        this.training = training;
        this.randomSeed = randomSeed;
    }

    public static Pass eval(Branch branch) {
        return new Pass(branch, false, 0);
    }

    void put(Layer layer, Object cache) {
        caches.put(layer, cache);
    }

    @SuppressWarnings("unchecked")
    <T> T get(Layer layer) {
        Object c = caches.get(layer);
        if (c == null) {
            throw new IllegalStateException("backward through " + layer.name() + " without a training forward pass");
        }
        return (T) c;
    }
}
