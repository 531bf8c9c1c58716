package io.pqkmcu.codegen.images;

import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

/**
 * How 8-bit pixels become the model's real-valued input before int8 quantization. Models trained on images
 * normalise pixels one of these ways; the firmware's test vectors must use the same, or the logits mean nothing
 * (they are still bit-exact, since the Java reference gets the same vectors).
 */
public enum PixelScaling {
    /** p / 255, in [0, 1] (TFLite's usual image input). */
    UNIT,
    /** p / 127.5 − 1, in [−1, 1]. */
    SIGNED,
    /** p itself, in [0, 255]. */
    RAW;

    public double real(int pixel) {
        switch (this) {
            case UNIT:
                return pixel / 255.0;
            case SIGNED:
                return pixel / 127.5 - 1.0;
            default:
                return pixel;
        }
    }

    /** The image as the model's int8 input: real value, then the input tensor's quantization. */
    public byte[] quantize(Image image, TensorSpec input) {
        if (image.height() != input.height() || image.width() != input.width() || image.channels() != input.channels()) {
            throw new IllegalArgumentException("image is " + image.shape() + " but the model takes " + input.height() + "x"
                    + input.width() + "x" + input.channels() + " (height x width x channels); resize or convert it first");
        }
        byte[] q = new byte[image.pixels().length];
        for (int i = 0; i < q.length; i++) {
            // round half away from zero, as everywhere in the int8 contract
            long v = QuantMath.roundHalfAway(real(image.value(i)) / input.scale()) + input.zeroPoint();
            q[i] = (byte) QuantMath.clamp(v, -128, 127);
        }
        return q;
    }
}
