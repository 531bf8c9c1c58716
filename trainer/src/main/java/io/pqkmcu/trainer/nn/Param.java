package io.pqkmcu.trainer.nn;

/** A trainable array with its gradient. {@code decay} says whether weight decay applies to it. */
public final class Param {
    public final String name;
    public final float[] value;
    public final float[] grad;
    public final boolean decay;

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
