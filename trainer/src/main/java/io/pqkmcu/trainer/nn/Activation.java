package io.pqkmcu.trainer.nn;

/** Activations that fuse into the int8 layer as a clamp. */
public enum Activation {
    NONE, RELU, RELU6;

    float apply(float v) {
        switch (this) {
            // Written so that NaN passes through: a diverging run must show up in the loss.
            case RELU:
                return v < 0f ? 0f : v;
            case RELU6:
                return v < 0f ? 0f : (v > 6f ? 6f : v);
            default:
                return v;
        }
    }

    /** Derivative given the activation's output. */
    boolean passesGradient(float y) {
        switch (this) {
            case RELU:
                return y > 0f;
            case RELU6:
                return y > 0f && y < 6f;
            default:
                return true;
        }
    }
}
