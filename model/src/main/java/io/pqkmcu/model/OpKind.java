package io.pqkmcu.model;

/** Operation kinds, with their stable codes in the model file. */
public enum OpKind {
    CONV_2D(1), DEPTHWISE_CONV_2D(2), FULLY_CONNECTED(3), AVERAGE_POOL_2D(4), MAX_POOL_2D(5), ADD(6), SOFTMAX(7);

    public final int code;

    OpKind(int code) {
        this.code = code;
    }

    public static OpKind ofCode(int code) {
        for (OpKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new ModelFormatException("unknown operation code " + code
                + " (this model may come from a newer pqk; upgrade pqk or re-export the model)");
    }
}
