package io.pqkmcu.model.interp;

import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

/** Reference int8 element-wise add (TFLite / CMSIS-NN arm_elementwise_add_s8 arithmetic). */
final class AddKernel {
    private AddKernel() {}

    static void run(AddOp op, TensorSpec a, byte[] in1, TensorSpec b, byte[] in2, TensorSpec outSpec, byte[] out) {
        int offset1 = -a.zeroPoint();
        int offset2 = -b.zeroPoint();
        for (int i = 0; i < out.length; i++) {
            int shifted1 = (in1[i] + offset1) * (1 << op.leftShift());
            int shifted2 = (in2[i] + offset2) * (1 << op.leftShift());
            int scaled1 = QuantMath.multiplyByQuantizedMultiplier(shifted1, op.inputMultiplier1(), op.inputShift1());
            int scaled2 = QuantMath.multiplyByQuantizedMultiplier(shifted2, op.inputMultiplier2(), op.inputShift2());
            out[i] = (byte) QuantMath.requantize(scaled1 + scaled2, op.outputMultiplier(), op.outputShift(),
                    outSpec.zeroPoint(), op.actMin(), op.actMax());
        }
    }
}
