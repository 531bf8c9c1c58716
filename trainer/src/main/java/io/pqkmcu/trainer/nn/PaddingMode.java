package io.pqkmcu.trainer.nn;

/** Spatial padding of a convolution or pooling window. */
public enum PaddingMode {
    /** TFLite/Keras "same": output = ceil(input / stride), padding split with the extra row after. */
    SAME,
    /** No padding: windows that do not fit are dropped. */
    VALID
}
