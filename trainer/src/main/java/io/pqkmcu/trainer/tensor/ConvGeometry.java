package io.pqkmcu.trainer.tensor;

import io.pqkmcu.model.Padding;

/** Spatial geometry of a convolution or pooling window: input, kernel, stride, dilation, padding, output. */
public record ConvGeometry(int inH, int inW, int kh, int kw, int strideH, int strideW, int dilH, int dilW,
                           int padTop, int padLeft, int outH, int outW) {

    /** TFLite "SAME" padding (output = ceil(input / stride)). */
    public static ConvGeometry same(int inH, int inW, int kh, int kw, int sh, int sw, int dh, int dw) {
        int[] y = Padding.same(inH, kh, sh, dh);
        int[] x = Padding.same(inW, kw, sw, dw);
        return new ConvGeometry(inH, inW, kh, kw, sh, sw, dh, dw, y[1], x[1], y[0], x[0]);
    }

    /** "VALID" padding (no padding; windows that do not fit are dropped). */
    public static ConvGeometry valid(int inH, int inW, int kh, int kw, int sh, int sw, int dh, int dw) {
        int[] y = Padding.valid(inH, kh, sh, dh);
        int[] x = Padding.valid(inW, kw, sw, dw);
        if (y[0] < 1 || x[0] < 1) {
            throw new IllegalArgumentException("kernel " + kh + "x" + kw + " does not fit input " + inH + "x" + inW);
        }
        return new ConvGeometry(inH, inW, kh, kw, sh, sw, dh, dw, 0, 0, y[0], x[0]);
    }

    public Padding padding() {
        return new Padding(padTop, padLeft);
    }

    public int outPixels() {
        return outH * outW;
    }

    /** True for a 1×1, stride-1, unpadded window, where the input already is the im2col matrix. */
    public boolean isPointwise() {
        return kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0;
    }
}
