package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.ObserverKind;
import io.pqkmcu.trainer.quant.SteMode;
import io.pqkmcu.trainer.quant.WeightGranularity;

/**
 * Network-wide quantization settings, shared by every layer of one network.
 *
 * <p>Observers watch ranges from the first step; quantizing activations starts only once the trainer
 * turns {@link #setActivationsActive} on, so the first ranges are not taken from an untrained network's
 * transient activations. The other settings are the QAT choices of {@code PqkConfig} (observer, STE,
 * weight scale granularity); the exporter reads the granularity from here so that it quantizes exactly
 * as training did.
 */
public final class QuantControl {
    private volatile boolean activationsActive;
    private ObserverKind observerKind = ObserverKind.EMA;
    private float observerMomentum = ActivationObserver.DEFAULT_MOMENTUM;
    private SteMode ste = SteMode.CLIPPED;
    private WeightGranularity weightGranularity = WeightGranularity.PER_CHANNEL;

    public boolean activationsActive() {
        return activationsActive;
    }

    public void setActivationsActive(boolean active) {
        this.activationsActive = active;
    }

    public ObserverKind observerKind() {
        return observerKind;
    }

    public float observerMomentum() {
        return observerMomentum;
    }

    public SteMode ste() {
        return ste;
    }

    public WeightGranularity weightGranularity() {
        return weightGranularity;
    }

    /** Sets the QAT choices (the trainer calls this once, from its configuration). */
    public void configure(ObserverKind kind, float momentum, SteMode steMode, WeightGranularity granularity) {
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("observer momentum must be in (0, 1], got " + momentum);
        }
        this.observerKind = kind;
        this.observerMomentum = momentum;
        this.ste = steMode;
        this.weightGranularity = granularity;
    }
}
