package io.pqkmcu.trainer.nn;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

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
    /** Layers that read only the network's input: nothing uses their input gradient, so backward skips it. */
    private final Set<Layer> inputLayers = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Per BatchNorm layer: Σz and Σz² per channel and the row count, when this pass collects them (else null). */
    private final Map<Layer, double[][]> batchNormInputs;

    public Pass(Branch branch, boolean training, long randomSeed) {
        this(branch, training, randomSeed, false);
    }

    private Pass(Branch branch, boolean training, long randomSeed, boolean calibrating) {
        this(branch, training, randomSeed, calibrating, null);
    }

    private Pass(Branch branch, boolean training, long randomSeed, boolean calibrating,
                 Map<Layer, double[][]> batchNormInputs) {
        this.branch = branch;
        this.training = training;
        this.randomSeed = randomSeed;
        this.calibrating = calibrating;
        this.batchNormInputs = batchNormInputs;
    }

    /**
     * An inference pass that also sums every BatchNorm layer's input per channel into {@code sums}
     * (layer → {Σz, Σz², {rows}}), across all the passes that share the map: BatchNorm re-estimation.
     */
    public static Pass batchNormStatistics(Branch branch, Map<Layer, double[][]> sums) {
        return new Pass(branch, false, 0, false, sums);
    }

    void recordBatchNormInput(Layer layer, float[] z, int rows, int channels) {
        if (batchNormInputs == null) {
            return;
        }
        double[][] s = batchNormInputs.computeIfAbsent(layer, k -> new double[][] {new double[channels],
                new double[channels], new double[1]});
        for (int r = 0; r < rows; r++) {
            int o = r * channels;
            for (int c = 0; c < channels; c++) {
                double v = z[o + c];
                s[0][c] += v;
                s[1][c] += v * v;
            }
        }
        s[2][0] += rows;
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

    /** Marks a layer whose inputs are all the network's input (Network.backward discards their gradient). */
    void markReadsNetworkInput(Layer layer) {
        inputLayers.add(layer);
    }

    /** False for a layer marked by {@link #markReadsNetworkInput}: its backward may return null for dLoss/dInput. */
    boolean needsInputGradient(Layer layer) {
        return !inputLayers.contains(layer);
    }
}
