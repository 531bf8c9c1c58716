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
                float[] keep = keepMask(s, sparsity);
                System.arraycopy(keep, 0, u.mask(), 0, keep.length);
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
        float[] keep = keepMask(all, sparsity);
        o = 0;
        for (ConvUnit u : units) {
            System.arraycopy(keep, o, u.mask(), 0, u.mask().length);
            o += u.mask().length;
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

    /**
     * The mask that prunes exactly ⌊sparsity·n⌋ values (more only when more are already pruned and
     * cannot come back, saliency −1): the smallest, ties broken by index (the lower index is pruned
     * first), so that the fraction never overshoots however many weights share a magnitude.
     */
    static float[] keepMask(float[] saliency, double sparsity) {
        int n = saliency.length;
        int prune = (int) Math.floor(sparsity * n + 1e-9); // 1e-9: 0.29·100 is 28.999999999999996 in double
        int held = 0;
        for (float v : saliency) {
            held += v < 0f ? 1 : 0;
        }
        prune = Math.min(n, Math.max(prune, held));
        // Sort keys: the saliency's bits made order-preserving as a signed int, then the index.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(saliency[i]);
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[i] = ((long) bits << 32) | i;
        }
        Arrays.sort(keys);
        float[] keep = new float[n];
        Arrays.fill(keep, 1f);
        for (int k = 0; k < prune; k++) {
            keep[(int) keys[k]] = 0f;
        }
        return keep;
    }
}
