package io.pqkmcu.trainer.quant;

/**
 * Tracks the range of an activation tensor, the range that becomes its int8 quantization: by default
 * an exponential moving average of batch minima and maxima (initialised from the first batch), or the
 * running extremes ({@link ObserverKind}).
 */
public final class ActivationObserver {
    /** Default EMA weight of a new batch's range. */
    public static final float DEFAULT_MOMENTUM = 0.01f;
    /** [min, max, initialised (0/1)]: one array so that checkpoints carry it as it is. */
    private final float[] state = new float[3];

    /**
     * Records a batch whose values span [lo, hi] (NaN bounds are ignored).
     *
     * @param momentum EMA weight of this batch's range (ignored by MINMAX)
     */
    public void observeRange(float lo, float hi, ObserverKind kind, float momentum) {
        if (!(lo <= hi)) {
            return;
        }
        if (state[2] == 0f) {
            state[0] = lo;
            state[1] = hi;
            state[2] = 1f;
        } else if (kind == ObserverKind.MINMAX) {
            state[0] = Math.min(state[0], lo);
            state[1] = Math.max(state[1], hi);
        } else {
            state[0] += momentum * (lo - state[0]);
            state[1] += momentum * (hi - state[1]);
        }
    }

    /** Forgets the observed range (post-training calibration starts from nothing). */
    public void reset() {
        java.util.Arrays.fill(state, 0f);
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
