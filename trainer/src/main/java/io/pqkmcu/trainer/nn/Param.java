package io.pqkmcu.trainer.nn;

/** A trainable array with its gradient. {@code decay} says whether weight decay applies to it. */
public final class Param {
    public final String name;
    public final float[] value;
    public final float[] grad;
    public final boolean decay;
    /**
     * Which entries the optimizer may change: null for all; otherwise entries whose mask is 0 are held
     * (value and optimizer state untouched, weight decay included). PQK's phase 1 points this at the
     * pruning mask, so that pruned weights stay exactly as they were until phase 2 hands them to the teacher.
     */
    public float[] updateMask;

    public Param(String name, int size, boolean decay) {
        this.name = name;
        this.value = new float[size];
        this.grad = new float[size];
        this.decay = decay;
    }

    public void zeroGrad() {
        java.util.Arrays.fill(grad, 0f);
    }
}
