package io.pqkmcu.model.interp;

import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.TensorSpec;

/** Reference int8 max pooling: maximum over the in-bounds window cells, clamped to the activation range. */
final class MaxPool2DKernel {
    private MaxPool2DKernel() {}

    static void run(MaxPool2DOp op, TensorSpec inSpec, byte[] in, TensorSpec outSpec, byte[] out) {
        int ch = inSpec.channels();
        for (int oy = 0; oy < outSpec.height(); oy++) {
            for (int ox = 0; ox < outSpec.width(); ox++) {
                int y0 = oy * op.strideH() - op.padding().top();
                int x0 = ox * op.strideW() - op.padding().left();
                int yStart = Math.max(0, y0);
                int yEnd = Math.min(inSpec.height(), y0 + op.filterH());
                int xStart = Math.max(0, x0);
                int xEnd = Math.min(inSpec.width(), x0 + op.filterW());
                for (int c = 0; c < ch; c++) {
                    int max = Byte.MIN_VALUE;
                    for (int iy = yStart; iy < yEnd; iy++) {
                        for (int ix = xStart; ix < xEnd; ix++) {
                            max = Math.max(max, in[(iy * inSpec.width() + ix) * ch + c]);
                        }
                    }
                    out[(oy * outSpec.width() + ox) * ch + c] = (byte) Math.max(op.actMin(), Math.min(op.actMax(), max));
                }
            }
        }
    }
}
