package io.pqkmcu.trainer.quant;

/**
 * Tracks the range of an activation tensor as an exponential moving average of batch minima and
 * maxima (initialised from the first batch), the range that becomes its int8 quantization.
 */
public final class ActivationObserver {
    private static final float AVERAGING = 0.01f;
    /** [min, max, initialised (0/1)]: one array so that checkpoints carry it as it is. */
    private final float[] state = new float[3];

    public void observe(float[] values, int from, int to) {
        float[] range = io.pqkmcu.trainer.tensor.Elementwise.minMax(values, from, to);
        observeRange(range[0], range[1]);
    }

    /** Records a batch whose values span [lo, hi] (computed by the caller without a pass over them). */
    public void observeRange(float lo, float hi) {
        if (!(lo <= hi)) {
            return;
        }
        if (state[2] == 0f) {
            state[0] = lo;
            state[1] = hi;
            state[2] = 1f;
        } else {
            state[0] += AVERAGING * (lo - state[0]);
            state[1] += AVERAGING * (hi - state[1]);
        }
    }

    public boolean ready() {
        return state[2] != 0f;
    }

    public ActQuant quant() {
        if (!ready()) {
            throw new IllegalStateException("activation range not observed yet");
        }
        return ActQuant.fromRange(state[0], state[1]);
    }

    public float[] state() {
        return state;
    }
}
