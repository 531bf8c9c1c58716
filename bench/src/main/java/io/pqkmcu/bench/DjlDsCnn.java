package io.pqkmcu.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The MLPerf Tiny / Hello Edge DS-CNN-S in DJL blocks (NCHW), shaped like pqk's preset: the first
 * convolution pads (5, 1) symmetrically, which yields the same 25 × 5 output (and MACs) as TFLite's
 * asymmetric "SAME" padding that pqk uses.
 */
final class DjlDsCnn {
    private DjlDsCnn() {}

    static SequentialBlock build(int width, int blocks, int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(10, 4)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(5, 1)).setFilters(width).optBias(false).build())
                .add(BatchNorm.builder().optEpsilon(1e-3f).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.2f).build());
        for (int i = 0; i < blocks; i++) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).optGroups(width)
                            .setFilters(width).optBias(false).build())
                    .add(BatchNorm.builder().optEpsilon(1e-3f).build())
                    .add(Activation.reluBlock())
                    .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(width).optBias(false).build())
                    .add(BatchNorm.builder().optEpsilon(1e-3f).build())
                    .add(Activation.reluBlock());
        }
        return net.add(Dropout.builder().optRate(0.4f).build())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
