package io.pqkmcu.trainer.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Architecture presets by name. Every preset builds for any input shape it fits (the convolutions use
 * SAME padding and end in global pooling); {@link Preset#input()} is the input it was designed for.
 * Shapes follow the publications (see REFERENCE.md); where a layer order would not survive int8
 * deployment, the preset says how it differs.
 */
public final class Architectures {
    private Architectures() {}

    /** What a preset needs from the data: its designed input and the feature type for audio presets. */
    public record Preset(String name, String description, int height, int width, int channels, Input input) {}

    /** The data a preset was designed for. */
    public enum Input { MFCC, LOG_MEL, IMAGE }

    private interface Factory {
        Network build(String name, int inH, int inW, int inC, int classes, long seed);
    }

    private record Entry(Preset preset, Factory factory) {}

    private static final Map<String, Entry> PRESETS = new LinkedHashMap<>();

    static {
        register(new Preset("ds-cnn", "MLPerf Tiny KWS DS-CNN: conv 64 (10x4, /2) + 4 DS blocks of 64, dropout 0.2/0.4",
                49, 10, 1, Input.MFCC), (n, h, w, c, k, s) -> dsCnn(n, h, w, c, k, 64, 4, true, 2, 1, s));
        // capacity for voices the model never heard (issue 12): the same network at 1.5x the channels, 2.1x the weights
        register(new Preset("ds-cnn-wide", "MLPerf Tiny KWS DS-CNN at 96 channels: conv 96 (10x4, /2) + 4 DS blocks of 96",
                49, 10, 1, Input.MFCC), (n, h, w, c, k, s) -> dsCnn(n, h, w, c, k, 96, 4, true, 2, 1, s));
        register(new Preset("ds-cnn-s", "Hello Edge DS-CNN S: conv 64 (10x4, /2x2) + 4 DS blocks of 64",
                49, 10, 1, Input.MFCC), (n, h, w, c, k, s) -> dsCnn(n, h, w, c, k, 64, 4, false, 2, 1, s));
        register(new Preset("ds-cnn-m", "Hello Edge DS-CNN M: conv 172 (10x4, /2x1) + 4 DS blocks of 172 (first /2)",
                49, 10, 1, Input.MFCC), (n, h, w, c, k, s) -> dsCnn(n, h, w, c, k, 172, 4, false, 1, 2, s));
        register(new Preset("ds-cnn-l", "Hello Edge DS-CNN L: conv 276 (10x4, /2x1) + 5 DS blocks of 276 (first /2)",
                49, 10, 1, Input.MFCC), (n, h, w, c, k, s) -> dsCnn(n, h, w, c, k, 276, 5, false, 1, 2, s));
        register(new Preset("ds-cnn-tiny", "DS-CNN with 16 channels and 2 blocks, for tests and quick experiments",
                49, 10, 1, Input.MFCC), (n, h, w, c, k, s) -> dsCnn(n, h, w, c, k, 16, 2, true, 2, 1, s));
        register(new Preset("res8", "Tang & Lin Res8: 45 maps, avg pool 4x3, 3 residual blocks", 49, 40, 1,
                Input.LOG_MEL), (n, h, w, c, k, s) -> res(n, h, w, c, k, 45, 6, true, false, s));
        register(new Preset("res8-narrow", "Tang & Lin Res8-narrow: Res8 with 19 maps", 49, 40, 1, Input.LOG_MEL),
                (n, h, w, c, k, s) -> res(n, h, w, c, k, 19, 6, true, false, s));
        register(new Preset("res15", "Tang & Lin Res15: 45 maps, 13 dilated layers (dilation 2^floor(i/3)), 6 residual "
                + "blocks", 49, 40, 1, Input.LOG_MEL), (n, h, w, c, k, s) -> res(n, h, w, c, k, 45, 13, false, true, s));
        register(new Preset("resnet8", "MLPerf Tiny image classification ResNet-8 (CIFAR-10): 16-32-64 residual stacks",
                32, 32, 3, Input.IMAGE), Architectures::resnet8);
        register(new Preset("fmnist-cnn", "small CNN for Fashion-MNIST: conv 32 + pool, conv 64 + pool, dense", 28, 28, 1,
                Input.IMAGE), Architectures::fashionCnn);
    }

    private static void register(Preset p, Factory f) {
        PRESETS.put(p.name(), new Entry(p, f));
    }

    /** Preset names accepted by {@link #build}. */
    public static final List<String> NAMES = List.copyOf(new ArrayList<>(PRESETS.keySet()));

    public static Preset preset(String name) {
        Entry e = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "'; choose one of " + NAMES);
        }
        return e.preset();
    }

    /** Builds a preset for a single-channel input (audio features). */
    public static Network build(String name, int inH, int inW, int classes, long seed) {
        return build(name, inH, inW, 1, classes, seed);
    }

    public static Network build(String name, int inH, int inW, int inC, int classes, long seed) {
        Preset p = preset(name);
        try {
            return PRESETS.get(p.name()).factory().build(p.name(), inH, inW, inC, classes, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.name() + " does not fit a " + inH + "x" + inW + "x" + inC + " input ("
                    + e.getMessage() + "); it was designed for " + p.height() + "x" + p.width() + "x" + p.channels(), e);
        }
    }

    /**
     * DS-CNN (Hello Edge; MLPerf Tiny KWS): conv (10×4) → BN → ReLU, then {@code blocks} × [depthwise 3×3
     * → BN → ReLU → pointwise → BN → ReLU], global average pooling and a fully connected classifier.
     * MLPerf adds dropout 0.2 after the first conv and 0.4 before pooling.
     *
     * @param firstStrideW stride of the first conv along the feature axis (time stride is always 2)
     * @param dsStride     stride of the first depthwise block (Hello Edge M and L: 2)
     */
    static Network dsCnn(String name, int inH, int inW, int inC, int classes, int width, int blocks, boolean dropout,
                         int firstStrideW, int dsStride, long seed) {
        NetworkBuilder b = Network.builder(name, inH, inW, inC, seed)
                .conv("conv1", width, Math.min(10, inH), Math.min(4, inW), 2, firstStrideW, Activation.RELU);
        if (dropout) {
            b.dropout("drop1", 0.2f);
        }
        for (int i = 1; i <= blocks; i++) {
            int s = i == 1 ? dsStride : 1;
            b.depthwise("dw" + i, 3, 3, s, s, Activation.RELU)
                    .conv("pw" + i, width, 1, 1, 1, 1, Activation.RELU);
        }
        if (dropout) {
            b.dropout("drop2", 0.4f);
        }
        return b.globalAvgPool("pool").dense("fc", classes);
    }

    /**
     * Tang &amp; Lin's residual KWS networks (Honk's SpeechResModel): conv0 3×3, optional 4×3 average
     * pooling (Res8), then {@code layers} 3×3 convolutions with a residual sum after every second one,
     * global average pooling and a linear classifier. Honk orders each layer conv → ReLU → (+) → BN; BN
     * after a ReLU cannot fold into the int8 convolution, so here every conv is conv → BN → ReLU and the
     * residual sum adds two ReLU outputs (the same blocks, with BN moved before the activation).
     *
     * @param dilated Res15: layer i (0-based) has dilation 2^⌊i/3⌋
     */
    static Network res(String name, int inH, int inW, int inC, int classes, int maps, int layers, boolean pool,
                       boolean dilated, long seed) {
        NetworkBuilder b = Network.builder(name, inH, inW, inC, seed).conv("conv0", ConvSpec.of(maps, 3, 3));
        if (pool) {
            b.avgPool("pool0", Math.min(4, inH), Math.min(3, inW), Math.min(4, inH), Math.min(3, inW),
                    PaddingMode.VALID);
        }
        int old = b.current();
        for (int i = 1; i <= layers; i++) {
            int d = dilated ? 1 << ((i - 1) / 3) : 1;
            b.conv("conv" + i, ConvSpec.of(maps, 3, 3).dilation(d, d));
            if (i % 2 == 0) {
                b.add("add" + i, old, Activation.NONE);
                old = b.current();
            }
        }
        return b.globalAvgPool("pool").dense("fc", classes);
    }

    /**
     * MLPerf Tiny's ResNet-8 for CIFAR-10 (EEMBC resnet_v1): conv 16 3×3, three stacks of two 3×3 convs
     * (16, 32/2, 64/2 filters) with a residual sum and ReLU, a 1×1 stride-2 projection (bias, no BN) where
     * the shape changes, global average pooling (their 8×8 pool) and a dense classifier.
     */
    static Network resnet8(String name, int inH, int inW, int inC, int classes, long seed) {
        NetworkBuilder b = Network.builder(name, inH, inW, inC, seed).conv("conv0", ConvSpec.of(16, 3, 3));
        int[] filters = {16, 32, 64};
        for (int s = 0; s < 3; s++) {
            int stride = s == 0 ? 1 : 2;
            int in = b.current();
            String p = "s" + (s + 1);
            b.conv(p + "c1", ConvSpec.of(filters[s], 3, 3).stride(stride, stride))
                    .conv(p + "c2", ConvSpec.of(filters[s], 3, 3).activation(Activation.NONE));
            int main = b.current();
            if (stride == 1) {
                b.add(p + "add", in, Activation.RELU);
            } else {
                b.from(in).conv(p + "proj", ConvSpec.of(filters[s], 1, 1).stride(stride, stride).batchNorm(false)
                        .activation(Activation.NONE)).add(p + "add", main, Activation.RELU);
            }
        }
        return b.globalAvgPool("pool").dense("fc", classes);
    }

    /** A small Fashion-MNIST CNN: [conv 3×3 → BN → ReLU → max pool 2×2] × 2 (32, 64), dropout 0.3, dense. */
    static Network fashionCnn(String name, int inH, int inW, int inC, int classes, long seed) {
        return Network.builder(name, inH, inW, inC, seed)
                .conv("conv1", ConvSpec.of(32, 3, 3)).maxPool("pool1", 2, 2, 2, 2, PaddingMode.VALID)
                .conv("conv2", ConvSpec.of(64, 3, 3)).maxPool("pool2", 2, 2, 2, 2, PaddingMode.VALID)
                .flatten("flatten").dropout("drop", 0.3f).dense("fc", classes);
    }
}
