package io.pqkmcu.trainer.nn;

/** Activations that fuse into the int8 layer as a clamp. */
public enum Activation {
    NONE, RELU, RELU6
}
