package io.pqkmcu.model.interp;

import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

/** Reference int8 convolution (TFLite reference semantics), NHWC input, weights [C_OUT, KH, KW, C_IN]. */
final class Conv2DKernel {
    private Conv2DKernel() {}

    static void run(Conv2DOp op, TensorSpec inSpec, byte[] in, TensorSpec outSpec, byte[] out) {
        QuantizedWeights w = op.weights();
        int kh = op.kernelH();
        int kw = op.kernelW();
        int cin = inSpec.channels();
        int cout = outSpec.channels();
        int inOffset = -inSpec.zeroPoint();
        for (int oy = 0; oy < outSpec.height(); oy++) {
            for (int ox = 0; ox < outSpec.width(); ox++) {
                int y0 = oy * op.strideH() - op.padding().top();
                int x0 = ox * op.strideW() - op.padding().left();
                for (int co = 0; co < cout; co++) {
                    int acc = w.bias()[co];
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
                            int inBase = (iy * inSpec.width() + ix) * cin;
                            int wBase = ((co * kh + ky) * kw + kx) * cin;
                            for (int ci = 0; ci < cin; ci++) {
                                acc += (in[inBase + ci] + inOffset) * w.data()[wBase + ci];
                            }
                        }
                    }
                    out[(oy * outSpec.width() + ox) * cout + co] = (byte) QuantMath.requantize(acc,
                            w.multiplier()[co], w.shift()[co], outSpec.zeroPoint(), op.actMin(), op.actMax());
                }
            }
        }
    }
}
