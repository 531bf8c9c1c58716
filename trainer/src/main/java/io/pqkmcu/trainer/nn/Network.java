package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** A feed-forward chain of layers from an [H, W, C] input to class logits. */
public final class Network {
    private final String architecture;
    private final List<Layer> layers;
    private final int inH;
    private final int inW;
    private final int inC;
    private final int classes;
    private final QuantControl quantControl;

    Network(String architecture, List<Layer> layers, int inH, int inW, int inC, int classes, QuantControl quantControl) {
        this.architecture = architecture;
        this.layers = List.copyOf(layers);
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.classes = classes;
        this.quantControl = quantControl;
    }

    public static NetworkBuilder builder(String architecture, int inH, int inW, int inC, long seed) {
        return new NetworkBuilder(architecture, inH, inW, inC, seed);
    }

    public String architecture() {
        return architecture;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int inputHeight() {
        return inH;
    }

    public int inputWidth() {
        return inW;
    }

    public int inputChannels() {
        return inC;
    }

    public int classes() {
        return classes;
    }

    public QuantControl quantControl() {
        return quantControl;
    }

    /** The weighted layers in order. */
    public List<ConvUnit> units() {
        List<ConvUnit> u = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof ConvUnit cu) {
                u.add(cu);
            }
        }
        return u;
    }

    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        for (Layer l : layers) {
            p.addAll(l.params());
        }
        return p;
    }

    public List<NamedArray> state() {
        List<NamedArray> s = new ArrayList<>();
        for (Layer l : layers) {
            s.addAll(l.state());
        }
        return s;
    }

    public void zeroGrad() {
        for (Param p : params()) {
            p.zeroGrad();
        }
    }

    /** Runs the chain; returns logits [n, classes]. */
    public Tensor forward(Tensor x, Pass pass) {
        if (x.h != inH || x.w != inW || x.c != inC) {
            throw new IllegalArgumentException(architecture + " expects input " + inH + "x" + inW + "x" + inC
                    + ", got " + x.h + "x" + x.w + "x" + x.c);
        }
        Tensor t = x;
        for (Layer l : layers) {
            t = l.forward(t, pass);
        }
        return t;
    }

    /** Backpropagates dLoss/dLogits through the pass, accumulating parameter gradients. */
    public void backward(Tensor dLogits, Pass pass) {
        Tensor g = dLogits;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, pass);
        }
    }

    /** Total weights and the fraction of them the masks prune. */
    public double sparsity() {
        long total = 0;
        long pruned = 0;
        for (ConvUnit u : units()) {
            for (float m : u.mask()) {
                total++;
                if (m == 0f) {
                    pruned++;
                }
            }
        }
        return total == 0 ? 0 : (double) pruned / total;
    }

    public long weightCount() {
        long n = 0;
        for (ConvUnit u : units()) {
            n += u.weights().length;
        }
        return n;
    }
}
