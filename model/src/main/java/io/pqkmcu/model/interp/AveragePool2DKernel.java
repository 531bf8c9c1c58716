package io.pqkmcu.model.interp;

import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.TensorSpec;

/**
 * Reference int8 average pooling (TFLite semantics): sum the in-bounds values, divide by their count
 * rounding half away from zero, clamp. Scale and zero point pass through unchanged.
 */
final class AveragePool2DKernel {
    private AveragePool2DKernel() {}

    static void run(AveragePool2DOp op, TensorSpec inSpec, byte[] in, TensorSpec outSpec, byte[] out) {
        int ch = inSpec.channels();
        for (int oy = 0; oy < outSpec.height(); oy++) {
            for (int ox = 0; ox < outSpec.width(); ox++) {
                int y0 = oy * op.strideH() - op.padding().top();
                int x0 = ox * op.strideW() - op.padding().left();
                int yStart = Math.max(0, y0);
                int yEnd = Math.min(inSpec.height(), y0 + op.filterH());
                int xStart = Math.max(0, x0);
                int xEnd = Math.min(inSpec.width(), x0 + op.filterW());
                int count = (yEnd - yStart) * (xEnd - xStart);
                for (int c = 0; c < ch; c++) {
                    int acc = 0;
                    for (int iy = yStart; iy < yEnd; iy++) {
                        for (int ix = xStart; ix < xEnd; ix++) {
                            acc += in[(iy * inSpec.width() + ix) * ch + c];
                        }
                    }
                    int avg = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    out[(oy * outSpec.width() + ox) * ch + c] = (byte) Math.max(op.actMin(), Math.min(op.actMax(), avg));
                }
            }
        }
    }
}
