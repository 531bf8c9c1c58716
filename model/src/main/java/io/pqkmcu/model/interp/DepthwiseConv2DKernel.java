package io.pqkmcu.model.interp;

import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

/** Reference int8 depthwise convolution (depth multiplier 1), weights [1, KH, KW, C]. */
final class DepthwiseConv2DKernel {
    private DepthwiseConv2DKernel() {}

    static void run(DepthwiseConv2DOp op, TensorSpec inSpec, byte[] in, TensorSpec outSpec, byte[] out) {
        QuantizedWeights w = op.weights();
        int kh = op.kernelH();
        int kw = op.kernelW();
        int ch = inSpec.channels();
        int inOffset = -inSpec.zeroPoint();
        for (int oy = 0; oy < outSpec.height(); oy++) {
            for (int ox = 0; ox < outSpec.width(); ox++) {
                int y0 = oy * op.strideH() - op.padding().top();
                int x0 = ox * op.strideW() - op.padding().left();
                for (int c = 0; c < ch; c++) {
                    int acc = w.bias()[c];
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = y0 + ky * op.dilationH();
                        if (iy < 0 || iy >= inSpec.height()) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = x0 + kx * op.dilationW();
                            if (ix < 0 || ix >= inSpec.width()) {
                                continue;
                            }
                            acc += (in[(iy * inSpec.width() + ix) * ch + c] + inOffset) * w.data()[(ky * kw + kx) * ch + c];
                        }
                    }
                    out[(oy * outSpec.width() + ox) * ch + c] = (byte) QuantMath.requantize(acc,
                            w.multiplier()[c], w.shift()[c], outSpec.zeroPoint(), op.actMin(), op.actMax());
                }
            }
        }
    }
}
