package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.nn.ConvUnit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recomputes pruning masks from weight magnitudes. Pruned weights are not zeroed: they stay in the
 * network (PQK's "unimportant weights"), the mask only hides them from the student.
 */
public final class MaskUpdater {
    private MaskUpdater() {}

    /** Sets the masks of {@code units} so that a fraction {@code sparsity} of their weights is pruned. */
    public static void apply(List<ConvUnit> units, double sparsity, PqkConfig.PruneScope scope) {
        if (units.isEmpty()) {
            return;
        }
        if (scope == PqkConfig.PruneScope.PER_LAYER) {
            for (ConvUnit u : units) {
                float[] s = u.saliency();
                setMask(u, s, threshold(s, sparsity));
            }
            return;
        }
        List<float[]> saliencies = new ArrayList<>();
        int total = 0;
        for (ConvUnit u : units) {
            float[] s = u.saliency();
            saliencies.add(s);
            total += s.length;
        }
        float[] all = new float[total];
        int o = 0;
        for (float[] s : saliencies) {
            System.arraycopy(s, 0, all, o, s.length);
            o += s.length;
        }
        float t = threshold(all, sparsity);
        for (int i = 0; i < units.size(); i++) {
            setMask(units.get(i), saliencies.get(i), t);
        }
    }

    /** The magnitude below which a fraction {@code sparsity} of values falls; ties pruned by index order. */
    private static float threshold(float[] saliency, double sparsity) {
        int prune = (int) Math.round(sparsity * saliency.length);
        if (prune <= 0) {
            return Float.NEGATIVE_INFINITY;
        }
        float[] sorted = saliency.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(prune, sorted.length) - 1];
    }

    private static void setMask(ConvUnit u, float[] saliency, float threshold) {
        float[] mask = u.mask();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = saliency[i] > threshold ? 1f : 0f;
        }
    }
}
