package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A network graph from an [H, W, C] input to class logits: a list of {@link Node}s in execution order,
 * each naming the earlier nodes it reads. A plain chain reads node i − 1; a residual {@link Add} reads
 * two. Forward runs the list in order; backward runs it in reverse and sums the gradients of a tensor
 * read by several nodes.
 */
public final class Network {
    /** Input index that refers to the network input rather than a node. */
    public static final int INPUT = -1;

    private final String architecture;
    private final List<Node> nodes;
    private final List<Layer> layers;
    private final int inH;
    private final int inW;
    private final int inC;
    private final int classes;
    private final QuantControl quantControl;

    Network(String architecture, List<Node> nodes, int inH, int inW, int inC, int classes, QuantControl quantControl) {
        this.architecture = architecture;
        this.nodes = List.copyOf(nodes);
        List<Layer> l = new ArrayList<>();
        for (Node n : nodes) {
            l.add(n.layer());
        }
        this.layers = List.copyOf(l);
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

    public List<Node> nodes() {
        return nodes;
    }

    /** The layers in execution order. */
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

    /** Runs the graph; returns logits [n, classes]. */
    public Tensor forward(Tensor x, Pass pass) {
        Tensor[] out = forwardNodes(x, pass);
        return out[out.length - 1];
    }

    /** Runs the graph and returns every node's output (layer-by-layer comparisons and tests). */
    public Tensor[] forwardNodes(Tensor x, Pass pass) {
        if (x.h != inH || x.w != inW || x.c != inC) {
            throw new IllegalArgumentException(architecture + " expects input " + inH + "x" + inW + "x" + inC
                    + ", got " + x.h + "x" + x.w + "x" + x.c);
        }
        Tensor[] out = new Tensor[nodes.size()];
        for (int i = 0; i < out.length; i++) {
            Node n = nodes.get(i);
            Tensor[] in = new Tensor[n.layer().arity()];
            for (int k = 0; k < in.length; k++) {
                int src = n.input(k);
                in[k] = src == INPUT ? x : out[src];
            }
            out[i] = n.layer().forwardNode(in, pass);
        }
        return out;
    }

    /** Backpropagates dLogits through the pass, accumulating parameter gradients. */
    public void backward(Tensor dLogits, Pass pass) {
        Tensor[] grad = new Tensor[nodes.size()];
        grad[grad.length - 1] = dLogits;
        for (int i = grad.length - 1; i >= 0; i--) {
            if (grad[i] == null) {
                continue; // nothing downstream of this node reached the loss
            }
            Node n = nodes.get(i);
            boolean readsInputOnly = true;
            for (int k = 0; k < n.layer().arity(); k++) {
                readsInputOnly &= n.input(k) == INPUT;
            }
            if (readsInputOnly) {
                pass.markReadsNetworkInput(n.layer());
            }
            Tensor[] gin = n.layer().backwardNode(grad[i], pass);
            grad[i] = null;
            for (int k = 0; k < gin.length; k++) {
                int src = n.input(k);
                if (src != INPUT) {
                    grad[src] = grad[src] == null ? gin[k] : sum(grad[src], gin[k]);
                }
            }
        }
    }

    /** A new tensor a + b (never in place: layers may hand back the gradient array they were given). */
    private static Tensor sum(Tensor a, Tensor b) {
        float[] s = new float[a.data.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.data[i] + b.data[i];
        }
        return new Tensor(s, a.n, a.h, a.w, a.c);
    }

    /** The fraction of the weighted layers' weights that the masks prune. */
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
