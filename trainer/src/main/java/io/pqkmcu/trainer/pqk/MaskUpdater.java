package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.nn.ConvUnit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recomputes pruning masks from weight magnitudes. Pruned weights are not zeroed: they stay in the
 * network (PQK's "unimportant weights"), the mask only hides them from the student.
 *
 * <p>Updates are monotone by default: a pruned weight stays pruned. Because pruned weights keep their
 * values (frozen, they get no student gradient) while BatchNorm lets the kept weights shrink freely, a
 * non-monotone update can bring stale weights back in bulk; measured on DS-CNN that made training
 * accuracy collapse as sparsity rose. Zeroing implementations (TF model optimisation) are monotone too.
 */
public final class MaskUpdater {
    private MaskUpdater() {}

    /**
     * Sets the masks of {@code units} so that a fraction {@code sparsity} of their weights is pruned.
     *
     * @param folded  rank by |folded weight| (BN factor applied) instead of |W|
     * @param revive  let a pruned weight come back when its magnitude outranks kept ones
     */
    public static void apply(List<ConvUnit> units, double sparsity, PqkConfig.PruneScope scope, boolean folded,
                             boolean revive) {
        if (units.isEmpty()) {
            return;
        }
        if (scope == PqkConfig.PruneScope.PER_LAYER) {
            for (ConvUnit u : units) {
                float[] s = saliency(u, folded, revive);
                setMask(u, s, threshold(s, sparsity));
            }
            return;
        }
        List<float[]> saliencies = new ArrayList<>();
        int total = 0;
        for (ConvUnit u : units) {
            float[] s = saliency(u, folded, revive);
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

    /** Magnitudes to rank; without revival, already pruned weights rank below every kept one. */
    private static float[] saliency(ConvUnit u, boolean folded, boolean revive) {
        float[] s = u.saliency(folded);
        if (!revive) {
            float[] mask = u.mask();
            for (int i = 0; i < s.length; i++) {
                if (mask[i] == 0f) {
                    s[i] = -1f;
                }
            }
        }
        return s;
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
