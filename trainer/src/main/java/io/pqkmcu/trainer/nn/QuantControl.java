package io.pqkmcu.trainer.nn;

/**
 * Network-wide switch for activation fake quantization. Observers watch ranges from the first step;
 * quantizing starts only once the trainer turns this on, so the first ranges are not taken from an
 * untrained network's transient activations.
 */
public final class QuantControl {
    private volatile boolean activationsActive;

    public boolean activationsActive() {
        return activationsActive;
    }

    public void setActivationsActive(boolean active) {
        this.activationsActive = active;
    }
}
