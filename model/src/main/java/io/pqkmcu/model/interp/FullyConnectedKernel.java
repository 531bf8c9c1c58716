package io.pqkmcu.model.interp;

import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

/** Reference int8 fully connected layer with per-channel requantization, weights [C_OUT, C_IN]. */
final class FullyConnectedKernel {
    private FullyConnectedKernel() {}

    static void run(FullyConnectedOp op, TensorSpec inSpec, byte[] in, TensorSpec outSpec, byte[] out) {
        QuantizedWeights w = op.weights();
        int n = inSpec.size();
        int inOffset = -inSpec.zeroPoint();
        for (int co = 0; co < outSpec.size(); co++) {
            int acc = w.bias()[co];
            int base = co * n;
            for (int i = 0; i < n; i++) {
                acc += (in[i] + inOffset) * w.data()[base + i];
            }
            out[co] = (byte) QuantMath.requantize(acc, w.multiplier()[co], w.shift()[co], outSpec.zeroPoint(),
                    op.actMin(), op.actMax());
        }
    }
}
