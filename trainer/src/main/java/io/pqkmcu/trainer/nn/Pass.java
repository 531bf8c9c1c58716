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
    /**
     * A post-training calibration pass: inference mode, and every quantizing layer widens its observer
     * to the float activations it sees (no fake quantization).
     */
    public final boolean calibrating;
    private final Map<Layer, Object> caches = new IdentityHashMap<>();

    public Pass(Branch branch, boolean training, long randomSeed) {
        this(branch, training, randomSeed, false);
    }

    private Pass(Branch branch, boolean training, long randomSeed, boolean calibrating) {
        this.branch = branch;
        this.training = training;
        this.randomSeed = randomSeed;
        this.calibrating = calibrating;
    }

    public static Pass eval(Branch branch) {
        return new Pass(branch, false, 0);
    }

    /** An inference pass that feeds the activation observers (post-training quantization). */
    public static Pass calibration(Branch branch) {
        return new Pass(branch, false, 0, true);
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
