package io.pqkmcu.model;

/**
 * An int8 activation tensor of the graph: shape [height, width, channels] (NHWC, batch 1) with
 * per-tensor asymmetric quantization, {@code real = scale · (q − zeroPoint)}.
 */
public record TensorSpec(int id, String name, int height, int width, int channels, double scale, int zeroPoint) {
    public TensorSpec {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new ModelFormatException("tensor '" + name + "' has a non-positive dimension "
                    + height + "x" + width + "x" + channels);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new ModelFormatException("tensor '" + name + "' has invalid scale " + scale);
        }
        if (zeroPoint < -128 || zeroPoint > 127) {
            throw new ModelFormatException("tensor '" + name + "' has zero point " + zeroPoint + " outside [-128, 127]");
        }
    }

    /** Number of int8 elements. */
    public int size() {
        return height * width * channels;
    }

    public String shapeString() {
        return height + "x" + width + "x" + channels;
    }
}
