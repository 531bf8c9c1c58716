package io.pqkmcu.trainer.nn;

/**
 * Shape and options of a convolution: filters (ignored by depthwise layers, which keep the channel
 * count), kernel, stride, dilation, padding, BatchNorm (folded into the weights for int8) or a plain
 * bias, and the fused activation. Built fluently: {@code ConvSpec.of(64, 10, 4).stride(2, 2)}.
 */
public record ConvSpec(int filters, int kh, int kw, int strideH, int strideW, int dilationH, int dilationW,
                       PaddingMode padding, boolean batchNorm, Activation activation) {
    public ConvSpec {
        if (kh < 1 || kw < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("kernel, stride and dilation must be positive: kernel " + kh + "x" + kw
                    + ", stride " + strideH + "x" + strideW + ", dilation " + dilationH + "x" + dilationW);
        }
    }

    /** {@code filters} kernels of kh × kw, stride 1, no dilation, SAME padding, BatchNorm and ReLU. */
    public static ConvSpec of(int filters, int kh, int kw) {
        return new ConvSpec(filters, kh, kw, 1, 1, 1, 1, PaddingMode.SAME, true, Activation.RELU);
    }

    public ConvSpec stride(int h, int w) {
        return new ConvSpec(filters, kh, kw, h, w, dilationH, dilationW, padding, batchNorm, activation);
    }

    public ConvSpec dilation(int h, int w) {
        return new ConvSpec(filters, kh, kw, strideH, strideW, h, w, padding, batchNorm, activation);
    }

    public ConvSpec padding(PaddingMode p) {
        return new ConvSpec(filters, kh, kw, strideH, strideW, dilationH, dilationW, p, batchNorm, activation);
    }

    /** Without BatchNorm the layer has a bias instead. */
    public ConvSpec batchNorm(boolean bn) {
        return new ConvSpec(filters, kh, kw, strideH, strideW, dilationH, dilationW, padding, bn, activation);
    }

    public ConvSpec activation(Activation a) {
        return new ConvSpec(filters, kh, kw, strideH, strideW, dilationH, dilationW, padding, batchNorm, a);
    }
}
