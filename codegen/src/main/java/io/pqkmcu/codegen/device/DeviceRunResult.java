package io.pqkmcu.codegen.device;

import java.util.Arrays;
import java.util.List;

/**
 * The firmware's results on every test input of a run (possibly several chunks).
 *
 * @param firmwarePassed every chunk's firmware reported PASS (all logits equal to the Java reference)
 *                       and exited with status 0
 */
public record DeviceRunResult(String boardId, List<VectorResult> vectors, boolean firmwarePassed, int chunks) {
    public DeviceRunResult {
        vectors = List.copyOf(vectors);
    }

    /** Inputs whose logits equal the Java int8 reference exactly. */
    public int bitExact() {
        return (int) vectors.stream().filter(VectorResult::bitExact).count();
    }

    public int labelled() {
        return (int) vectors.stream().filter(v -> v.label() >= 0).count();
    }

    public int correct() {
        return (int) vectors.stream().filter(v -> v.label() >= 0 && v.label() == v.predicted()).count();
    }

    /** Accuracy over labelled inputs (NaN without labels). */
    public double accuracy() {
        int n = labelled();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    public long medianModelInstructions() {
        return median(vectors.stream().mapToLong(VectorResult::modelInstructions).toArray());
    }

    public long medianFrontEndInstructions() {
        return median(vectors.stream().mapToLong(VectorResult::frontEndInstructions).toArray());
    }

    /** Whether the run came from a profiling build (every vector has per-layer counts). */
    public boolean profiled() {
        return !vectors.isEmpty() && vectors.stream().allMatch(v -> v.layerInstructions().length > 0);
    }

    /** Median instructions of each layer over the vectors (empty unless {@link #profiled()}). */
    public long[] medianLayerInstructions() {
        if (!profiled()) {
            return new long[0];
        }
        int layers = vectors.get(0).layerInstructions().length;
        long[] medians = new long[layers];
        for (int l = 0; l < layers; l++) {
            final int layer = l;
            medians[l] = median(vectors.stream().mapToLong(v -> layer < v.layerInstructions().length
                    ? v.layerInstructions()[layer] : 0).toArray());
        }
        return medians;
    }

    /** The upper median of {@code v} (the middle element for odd lengths), 0 when empty. */
    static long median(long[] v) {
        if (v.length == 0) {
            return 0;
        }
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
