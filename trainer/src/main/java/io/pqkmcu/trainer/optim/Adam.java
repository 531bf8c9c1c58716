package io.pqkmcu.trainer.optim;

import io.pqkmcu.trainer.nn.NamedArray;
import io.pqkmcu.trainer.nn.Param;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba) with decoupled weight decay (AdamW) on parameters that allow it.
 * Its moments are part of the checkpoint, so a resumed run continues exactly. Entries a parameter's
 * {@link Param#updateMask} holds are skipped entirely: without that, a weight whose gradient has become
 * zero (pruned) would keep moving on its stale first moment (about 10·lr after each pruning event) and
 * shrink under the decoupled decay. Their moments resume where they were once the entry is released.
 */
public final class Adam implements Optimizer {
    private final List<Param> params;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    /** [step count], an array so that checkpoints carry it with the moments. */
    private final float[] steps = new float[1];

    public Adam(List<Param> params, float weightDecay) {
        this(params, 0.9f, 0.999f, 1e-7f, weightDecay);
    }

    public Adam(List<Param> params, float beta1, float beta2, float eps, float weightDecay) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Param p : params) {
            m.add(new float[p.value.length]);
            v.add(new float[p.value.length]);
        }
    }

    @Override
    public void step(float lr) {
        steps[0]++;
        double t = steps[0];
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            float[] mi = m.get(i);
            float[] vi = v.get(i);
            float decay = p.decay ? lr * weightDecay : 0f;
            float[] keep = p.updateMask;
            for (int j = 0; j < p.value.length; j++) {
                if (keep != null && keep[j] == 0f) {
                    continue; // held (pruned in PQK phase 1): no moment update, no step, no decay
                }
                float g = p.grad[j];
                mi[j] = beta1 * mi[j] + (1 - beta1) * g;
                vi[j] = beta2 * vi[j] + (1 - beta2) * g * g;
                float mh = mi[j] / c1;
                float vh = vi[j] / c2;
                p.value[j] -= lr * mh / ((float) Math.sqrt(vh) + eps) + decay * p.value[j];
            }
        }
    }

    @Override
    public List<NamedArray> state() {
        List<NamedArray> s = new ArrayList<>();
        s.add(new NamedArray("adam.steps", steps));
        for (int i = 0; i < params.size(); i++) {
            s.add(new NamedArray("adam.m." + params.get(i).name, m.get(i)));
            s.add(new NamedArray("adam.v." + params.get(i).name, v.get(i)));
        }
        return s;
    }
}
