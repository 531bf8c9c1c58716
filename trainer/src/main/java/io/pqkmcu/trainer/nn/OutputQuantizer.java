package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.ObserverKind;
import io.pqkmcu.trainer.quant.SteMode;
import io.pqkmcu.trainer.tensor.Parallel;

/**
 * The output side of a layer that produces a new int8 tensor (a weighted layer or a residual add): its
 * activation observer, the fake quantization of the output in quantizing branches, and the backward
 * gate that combines the fused activation's derivative with the straight-through estimator.
 */
final class OutputQuantizer {
    private final ActivationObserver observer = new ActivationObserver();
    private final QuantControl control;

    OutputQuantizer(QuantControl control) {
        this.control = control;
    }

    ActivationObserver observer() {
        return observer;
    }

    /**
     * What backward needs: the activation output before fake quantization, and the quantization applied
     * (null when the output stayed float).
     */
    record Saved(float[] preQuant, ActQuant quant) {}

    /** Observes and (when the branch quantizes and quantization is active) fake-quantizes {@code z} in place. */
    Saved apply(float[] z, Pass pass) {
        if (pass.calibrating) {
            observer.observe(z, 0, z.length, ObserverKind.MINMAX, 1f);
            return new Saved(z, null);
        }
        float[] preQuant = z;
        ActQuant quant = null;
        if (pass.branch.quantActs()) {
            if (pass.training) {
                observer.observe(z, 0, z.length, control.observerKind(), control.observerMomentum());
            }
            if (control.activationsActive() && observer.ready()) {
                quant = observer.quant();
                preQuant = z.clone();
                ActQuant q = quant;
                Parallel.forChunks(z.length, 1 << 14, (chunk, from, to) -> q.fakeInPlace(z, from, to));
            }
        }
        return new Saved(preQuant, quant);
    }

    /** Applies the fused activation to {@code z} in place (NaN passes through, so divergence reaches the loss). */
    static void activate(float[] z, Activation activation) {
        if (activation == Activation.NONE) {
            return;
        }
        float cap = activation == Activation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
        Parallel.forChunks(z.length, 1 << 14, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                float v = z[i];
                z[i] = v < 0f ? 0f : (v > cap ? cap : v);
            }
        });
    }

    /**
     * Zeroes, in place, the gradient where the activation is saturated and (clipped STE) where the value
     * fell outside the int8 range — one pass for both gates.
     */
    void gate(float[] g, Saved saved, Activation activation) {
        float[] y = saved.preQuant();
        boolean clip = saved.quant() != null && control.ste() == SteMode.CLIPPED;
        float lo = clip ? (float) saved.quant().realMin() : Float.NEGATIVE_INFINITY;
        float hi = clip ? (float) saved.quant().realMax() : Float.POSITIVE_INFINITY;
        if (activation == Activation.RELU) {
            lo = Math.max(lo, Float.MIN_VALUE);
        } else if (activation == Activation.RELU6) {
            lo = Math.max(lo, Float.MIN_VALUE);
            hi = Math.min(hi, Math.nextDown(6f));
        }
        if (lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY) {
            for (int i = 0; i < g.length; i++) {
                float v = y[i];
                if (v < lo || v > hi) {
                    g[i] = 0f;
                }
            }
        }
    }
}
