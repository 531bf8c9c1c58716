package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.ObserverKind;
import io.pqkmcu.trainer.quant.SteMode;
import io.pqkmcu.trainer.tensor.Elementwise;
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
        ActQuant quant = applyToRange(pass, () -> Elementwise.minMax(z, 0, z.length));
        if (quant == null) {
            return new Saved(z, null);
        }
        float[] preQuant = z.clone();
        Parallel.forChunks(z.length, 1 << 14, (chunk, from, to) -> quant.fakeInPlace(z, from, to));
        return new Saved(preQuant, quant);
    }

    /**
     * Feeds the observer the batch's output range, when this pass observes (calibration: running extremes;
     * training in a quantizing branch: the configured observer), and returns the quantization to apply, or
     * null when the output stays float. The fused BatchNorm path computes the range without a pass over
     * the values and fake-quantizes while it writes the output; {@link #apply} does both for plain outputs.
     */
    ActQuant applyToRange(Pass pass, java.util.function.Supplier<float[]> outputRange) {
        if (pass.calibrating) {
            float[] r = outputRange.get();
            observer.observeRange(r[0], r[1], ObserverKind.MINMAX, 1f);
            return null;
        }
        if (!pass.branch.quantActs()) {
            return null;
        }
        if (pass.training) {
            float[] r = outputRange.get();
            observer.observeRange(r[0], r[1], control.observerKind(), control.observerMomentum());
        }
        return control.activationsActive() && observer.ready() ? observer.quant() : null;
    }

    /** Applies the fused activation to {@code z} in place (NaN passes through, so divergence reaches the loss). */
    static void activate(float[] z, Activation activation) {
        if (activation == Activation.NONE) {
            return;
        }
        float cap = activation == Activation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
        Parallel.forChunks(z.length, 1 << 14, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                // Math.max/min propagate NaN (divergence must reach the loss) and the JIT vectorises them.
                z[i] = Math.min(Math.max(z[i], 0f), cap);
            }
        });
    }

    /**
     * The interval in which the gradient passes: where the fused activation is not saturated and (clipped
     * STE) where the value fell inside the int8 range. Returns {lo, hi}; infinite bounds mean no gate.
     */
    float[] gateBounds(ActQuant quant, Activation activation) {
        boolean clip = quant != null && control.ste() == SteMode.CLIPPED;
        float lo = clip ? (float) quant.realMin() : Float.NEGATIVE_INFINITY;
        float hi = clip ? (float) quant.realMax() : Float.POSITIVE_INFINITY;
        if (activation == Activation.RELU) {
            lo = Math.max(lo, Float.MIN_VALUE);
        } else if (activation == Activation.RELU6) {
            lo = Math.max(lo, Float.MIN_VALUE);
            hi = Math.min(hi, Math.nextDown(6f));
        }
        return new float[] {lo, hi};
    }

    /** Zeroes, in place, the gradient outside {@link #gateBounds} of the saved pre-quantization values. */
    void gate(float[] g, Saved saved, Activation activation) {
        float[] y = saved.preQuant();
        float[] bounds = gateBounds(saved.quant(), activation);
        float lo = bounds[0];
        float hi = bounds[1];
        if (lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY) {
            Parallel.forChunks(g.length, 1 << 15, (chunk, from, to) -> Elementwise.gate(g, y, lo, hi, from, to));
        }
    }
}
