package io.pqkmcu.trainer.optim;

import io.pqkmcu.trainer.nn.NamedArray;
import io.pqkmcu.trainer.nn.Param;

import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with (optionally Nesterov) momentum, as PyTorch's {@code torch.optim.SGD}
 * with dampening 0: g ← ∇ + λ·w (L2 weight decay, coupled, on parameters that allow it);
 * v ← μ·v + g; w ← w − lr·(Nesterov ? g + μ·v : v). The velocities are part of the checkpoint.
 * Entries a parameter's {@link Param#updateMask} holds are skipped (no decay, no momentum step).
 */
public final class Sgd implements Optimizer {
    private final List<Param> params;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final List<float[]> velocity = new ArrayList<>();

    public Sgd(List<Param> params, float momentum, boolean nesterov, float weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        for (Param p : params) {
            velocity.add(new float[p.value.length]);
        }
    }

    @Override
    public void step(float lr) {
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            float[] v = velocity.get(i);
            float decay = p.decay ? weightDecay : 0f;
            float[] keep = p.updateMask;
            for (int j = 0; j < p.value.length; j++) {
                if (keep != null && keep[j] == 0f) {
                    continue; // held (pruned in PQK phase 1): velocity and value untouched
                }
                float g = p.grad[j] + decay * p.value[j];
                v[j] = momentum * v[j] + g;
                p.value[j] -= lr * (nesterov ? g + momentum * v[j] : v[j]);
            }
        }
    }

    @Override
    public List<NamedArray> state() {
        List<NamedArray> s = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            s.add(new NamedArray("sgd.v." + params.get(i).name, velocity.get(i)));
        }
        return s;
    }
}
