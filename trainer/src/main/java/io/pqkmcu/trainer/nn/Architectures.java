package io.pqkmcu.trainer.nn;

import java.util.List;
import java.util.Locale;

/** Architecture presets by name. */
public final class Architectures {
    private Architectures() {}

    /** Preset names accepted by {@link #build}. */
    public static final List<String> NAMES = List.of("ds-cnn", "ds-cnn-s", "ds-cnn-tiny");

    /**
     * @param name     preset name: "ds-cnn" (MLPerf Tiny KWS), "ds-cnn-s" (Hello Edge small, same shape),
     *                 "ds-cnn-tiny" (16 channels, 2 blocks: for tests and quick experiments)
     */
    public static Network build(String name, int inH, int inW, int classes, long seed) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "ds-cnn":
            case "ds-cnn-s":
                return dsCnn(name, inH, inW, classes, 64, 4, seed);
            case "ds-cnn-tiny":
                return dsCnn(name, inH, inW, classes, 16, 2, seed);
            default:
                throw new IllegalArgumentException("unknown architecture '" + name + "'; choose one of " + NAMES);
        }
    }

    /**
     * DS-CNN as in the MLPerf Tiny KWS reference (Hello Edge "small"): conv (10×4, stride 2) → BN → ReLU,
     * then {@code blocks} × [depthwise 3×3 → BN → ReLU → pointwise → BN → ReLU], global average pooling
     * and a fully connected classifier. Dropout 0.2 after the first conv and 0.4 before pooling.
     */
    public static Network dsCnn(String name, int inH, int inW, int classes, int width, int blocks, long seed) {
        NetworkBuilder b = Network.builder(name, inH, inW, 1, seed)
                .conv("conv1", width, Math.min(10, inH), Math.min(4, inW), 2, 2, Activation.RELU)
                .dropout("drop1", 0.2f);
        for (int i = 1; i <= blocks; i++) {
            b.depthwise("dw" + i, 3, 3, 1, 1, Activation.RELU)
                    .conv("pw" + i, width, 1, 1, 1, 1, Activation.RELU);
        }
        return b.dropout("drop2", 0.4f).globalAvgPool("pool").dense("fc", classes);
    }
}
