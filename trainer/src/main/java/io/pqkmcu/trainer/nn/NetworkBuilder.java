package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.tensor.ConvGeometry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link Network} node by node, tracking shapes. Each method appends a layer that reads the
 * current node and makes it current, so a chain reads top to bottom; for a residual block remember a
 * node with {@link #current()}, branch from it with {@link #from(int)}, and join with {@link #add}:
 * <pre>{@code
 * int in = b.current();
 * b.conv("c1", ConvSpec.of(16, 3, 3)).conv("c2", ConvSpec.of(16, 3, 3).activation(Activation.NONE));
 * b.add("add1", in, Activation.RELU);
 * }</pre>
 */
public final class NetworkBuilder {
    private final String architecture;
    private final int inH;
    private final int inW;
    private final int inC;
    private final long seed;
    private final List<Node> nodes = new ArrayList<>();
    /** Per node: the observer whose range quantizes its output in int8 (null: the network input's). */
    private final List<ActivationObserver> quantSource = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final QuantControl quantControl = new QuantControl();
    private int current = Network.INPUT;

    NetworkBuilder(String architecture, int inH, int inW, int inC, long seed) {
        if (inH < 1 || inW < 1 || inC < 1) {
            throw new IllegalArgumentException("input shape must be positive, got " + inH + "x" + inW + "x" + inC);
        }
        this.architecture = architecture;
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.seed = seed;
    }

    /** The node the next layer will read (its index, or {@link Network#INPUT}). */
    public int current() {
        return current;
    }

    /** Makes an earlier node current, to start a branch from it. */
    public NetworkBuilder from(int node) {
        if (node != Network.INPUT && (node < 0 || node >= nodes.size())) {
            throw new IllegalArgumentException("no node " + node + " (the network has " + nodes.size() + ")");
        }
        current = node;
        return this;
    }

    private int h() {
        return current == Network.INPUT ? inH : nodes.get(current).height();
    }

    private int w() {
        return current == Network.INPUT ? inW : nodes.get(current).width();
    }

    private int c() {
        return current == Network.INPUT ? inC : nodes.get(current).channels();
    }

    private ActivationObserver currentQuantSource() {
        return current == Network.INPUT ? null : quantSource.get(current);
    }

    private String unique(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate layer name " + name);
        }
        return name;
    }

    private NetworkBuilder push(Layer layer, int[] inputs, int h, int w, int c, ActivationObserver source) {
        nodes.add(new Node(layer, inputs, h, w, c));
        quantSource.add(source);
        current = nodes.size() - 1;
        return this;
    }

    private NetworkBuilder pushUnit(ConvUnit u, int outH, int outW) {
        return push(u, new int[] {current}, outH, outW, u.outChannels(), u.observer());
    }

    private static ConvGeometry geometry(int h, int w, int kh, int kw, int sh, int sw, int dh, int dw, PaddingMode p,
                                         String name) {
        try {
            return p == PaddingMode.SAME ? ConvGeometry.same(h, w, kh, kw, sh, sw, dh, dw)
                    : ConvGeometry.valid(h, w, kh, kw, sh, sw, dh, dw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Convolution with "SAME" padding, BN and an activation. */
    public NetworkBuilder conv(String name, int filters, int kh, int kw, int strideH, int strideW, Activation act) {
        return conv(name, ConvSpec.of(filters, kh, kw).stride(strideH, strideW).activation(act));
    }

    /** Convolution of any kernel, stride, dilation and padding, with BN or a bias, and a fused activation. */
    public NetworkBuilder conv(String name, ConvSpec s) {
        ConvGeometry g = geometry(h(), w(), s.kh(), s.kw(), s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                s.padding(), name);
        return pushUnit(new ConvUnit(unique(name), ConvUnit.Kind.CONV, g, c(), s.filters(), s.batchNorm(),
                s.activation(), true, quantControl, seed), g.outH(), g.outW());
    }

    /** Depthwise convolution with "SAME" padding, BN and an activation. */
    public NetworkBuilder depthwise(String name, int kh, int kw, int strideH, int strideW, Activation act) {
        return depthwise(name, ConvSpec.of(0, kh, kw).stride(strideH, strideW).activation(act));
    }

    /** Depthwise convolution (multiplier 1; the spec's filter count is ignored). */
    public NetworkBuilder depthwise(String name, ConvSpec s) {
        ConvGeometry g = geometry(h(), w(), s.kh(), s.kw(), s.strideH(), s.strideW(), s.dilationH(), s.dilationW(),
                s.padding(), name);
        return pushUnit(new ConvUnit(unique(name), ConvUnit.Kind.DEPTHWISE, g, c(), c(), s.batchNorm(), s.activation(),
                true, quantControl, seed), g.outH(), g.outW());
    }

    /** A fully connected layer over the flattened input (NHWC order), with a bias and an activation. */
    public NetworkBuilder fc(String name, int units, Activation act) {
        ConvUnit u = new ConvUnit(unique(name), ConvUnit.Kind.DENSE, null, h() * w() * c(), units, false, act, true,
                quantControl, seed);
        return pushUnit(u, 1, 1);
    }

    public NetworkBuilder dropout(String name, float rate) {
        return push(new Dropout(unique(name), rate, nodes.size()), new int[] {current}, h(), w(), c(),
                currentQuantSource());
    }

    /** [h, w, c] → [1, 1, h·w·c]. */
    public NetworkBuilder flatten(String name) {
        return push(new Flatten(unique(name)), new int[] {current}, 1, 1, h() * w() * c(), currentQuantSource());
    }

    public NetworkBuilder maxPool(String name, int kh, int kw, int strideH, int strideW, PaddingMode padding) {
        ConvGeometry g = geometry(h(), w(), kh, kw, strideH, strideW, 1, 1, padding, name);
        return push(new MaxPool(unique(name), g, c()), new int[] {current}, g.outH(), g.outW(), c(),
                currentQuantSource());
    }

    public NetworkBuilder avgPool(String name, int kh, int kw, int strideH, int strideW, PaddingMode padding) {
        ActivationObserver source = currentQuantSource();
        if (source == null) {
            throw new IllegalStateException(name + ": average pooling needs a preceding weighted layer for its quantization");
        }
        ConvGeometry g = geometry(h(), w(), kh, kw, strideH, strideW, 1, 1, padding, name);
        return push(new AvgPool(unique(name), g, c(), source, quantControl), new int[] {current}, g.outH(), g.outW(),
                c(), source);
    }

    /** Average over the whole spatial extent. */
    public NetworkBuilder globalAvgPool(String name) {
        return avgPool(name, h(), w(), 1, 1, PaddingMode.VALID);
    }

    /** Residual connection: current + {@code other} (same shape), then the fused activation. */
    public NetworkBuilder add(String name, int other, Activation act) {
        int oh = other == Network.INPUT ? inH : nodes.get(other).height();
        int ow = other == Network.INPUT ? inW : nodes.get(other).width();
        int oc = other == Network.INPUT ? inC : nodes.get(other).channels();
        if (oh != h() || ow != w() || oc != c()) {
            throw new IllegalArgumentException(name + ": cannot add " + h() + "x" + w() + "x" + c() + " and " + oh + "x"
                    + ow + "x" + oc + "; the shortcut needs a projection (a 1x1 convolution) to match");
        }
        Add a = new Add(unique(name), act, quantControl);
        return push(a, new int[] {current, other}, h(), w(), c(), a.observer());
    }

    /** Fully connected output layer (bias, no activation) over the flattened input; finishes the network. */
    public Network dense(String name, int classes) {
        return fc(name, classes, Activation.NONE).build();
    }

    /** The network whose output (logits) is the current node. */
    public Network build() {
        if (nodes.isEmpty() || current != nodes.size() - 1) {
            throw new IllegalStateException("the last node added must be the output");
        }
        return new Network(architecture, nodes, inH, inW, inC, h() * w() * c(), quantControl);
    }
}
