package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.tensor.ConvGeometry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds a {@link Network} layer by layer, tracking shapes. */
public final class NetworkBuilder {
    private final String architecture;
    private final int inH;
    private final int inW;
    private final int inC;
    private final long seed;
    private final List<Layer> layers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final QuantControl quantControl = new QuantControl();
    private int h;
    private int w;
    private int c;
    private ActivationObserver lastObserver;

    NetworkBuilder(String architecture, int inH, int inW, int inC, long seed) {
        this.architecture = architecture;
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.seed = seed;
        this.h = inH;
        this.w = inW;
        this.c = inC;
    }

    private String unique(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate layer name " + name);
        }
        return name;
    }

    private NetworkBuilder add(ConvUnit u, int outH, int outW) {
        layers.add(u);
        lastObserver = u.observer();
        h = outH;
        w = outW;
        c = u.outChannels();
        return this;
    }

    /** Convolution with "SAME" padding, BN and an activation. */
    public NetworkBuilder conv(String name, int filters, int kh, int kw, int strideH, int strideW, Activation act) {
        ConvGeometry g = ConvGeometry.same(h, w, kh, kw, strideH, strideW, 1, 1);
        return add(new ConvUnit(unique(name), ConvUnit.Kind.CONV, g, c, filters, true, act, true, quantControl, seed),
                g.outH(), g.outW());
    }

    /** Depthwise convolution with "SAME" padding, BN and an activation. */
    public NetworkBuilder depthwise(String name, int kh, int kw, int strideH, int strideW, Activation act) {
        ConvGeometry g = ConvGeometry.same(h, w, kh, kw, strideH, strideW, 1, 1);
        return add(new ConvUnit(unique(name), ConvUnit.Kind.DEPTHWISE, g, c, c, true, act, true, quantControl, seed),
                g.outH(), g.outW());
    }

    public NetworkBuilder dropout(String name, float rate) {
        layers.add(new Dropout(unique(name), rate, layers.size()));
        return this;
    }

    /** Average over the whole spatial extent. */
    public NetworkBuilder globalAvgPool(String name) {
        if (lastObserver == null) {
            throw new IllegalStateException("pooling needs a preceding weighted layer for its quantization");
        }
        ConvGeometry g = ConvGeometry.valid(h, w, h, w, 1, 1, 1, 1);
        layers.add(new AvgPool(unique(name), g, c, lastObserver, quantControl));
        h = 1;
        w = 1;
        return this;
    }

    /** Fully connected output layer over the flattened input, with a bias and no activation. */
    public Network dense(String name, int classes) {
        ConvUnit u = new ConvUnit(unique(name), ConvUnit.Kind.DENSE, null, h * w * c, classes, false, Activation.NONE,
                true, quantControl, seed);
        layers.add(u);
        return new Network(architecture, layers, inH, inW, inC, classes, quantControl);
    }
}
