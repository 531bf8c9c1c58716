package io.pqkmcu.model;

/**
 * Explicit zero padding before the first row and column. The padding after is implied by the input,
 * kernel, stride and output sizes, as in TFLite.
 */
public record Padding(int top, int left) {
    public static final Padding NONE = new Padding(0, 0);

    /** TFLite "SAME" padding for one spatial axis: returns {output size, padding before}. */
    public static int[] same(int in, int kernel, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int effective = (kernel - 1) * dilation + 1;
        int total = Math.max((out - 1) * stride + effective - in, 0);
        return new int[] {out, total / 2};
    }

    /** "VALID" padding for one axis: returns {output size, 0}. */
    public static int[] valid(int in, int kernel, int stride, int dilation) {
        int effective = (kernel - 1) * dilation + 1;
        return new int[] {(in - effective) / stride + 1, 0};
    }
}
