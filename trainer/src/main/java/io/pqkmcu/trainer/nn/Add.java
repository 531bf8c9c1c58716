package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.tensor.Tensor;

import java.util.List;

/**
 * Element-wise sum of two tensors of the same shape — the residual connection — with a fused activation
 * (ReLU after the sum, as in ResNets). In int8 it is TFLite's ADD: each input keeps its own quantization
 * (its producer's observer), the sum gets a new one, observed and fake-quantized here like a weighted
 * layer's output.
 */
public final class Add implements Layer {
    private final String name;
    private final Activation activation;
    private final OutputQuantizer output;

    Add(String name, Activation activation, QuantControl quantControl) {
        this.name = name;
        this.activation = activation;
        this.output = new OutputQuantizer(quantControl);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int arity() {
        return 2;
    }

    public Activation activation() {
        return activation;
    }

    public ActivationObserver observer() {
        return output.observer();
    }

    @Override
    public List<NamedArray> state() {
        return List.of(new NamedArray(name + ".observer", output.observer().state()));
    }

    @Override
    public Tensor forwardNode(Tensor[] inputs, Pass pass) {
        Tensor a = inputs[0];
        Tensor b = inputs[1];
        if (a.n != b.n || a.h != b.h || a.w != b.w || a.c != b.c) {
            throw new IllegalArgumentException(name + ": cannot add " + a.shape() + " and " + b.shape());
        }
        float[] z = new float[a.data.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = a.data[i] + b.data[i];
        }
        OutputQuantizer.activate(z, activation);
        OutputQuantizer.Saved saved = output.apply(z, pass);
        if (pass.training) {
            pass.put(this, saved);
        }
        return new Tensor(z, a.n, a.h, a.w, a.c);
    }

    @Override
    public Tensor[] backwardNode(Tensor gradOut, Pass pass) {
        OutputQuantizer.Saved saved = pass.get(this);
        float[] g = gradOut.data.clone();
        output.gate(g, saved, activation);
        return new Tensor[] {new Tensor(g, gradOut.n, gradOut.h, gradOut.w, gradOut.c),
            new Tensor(g.clone(), gradOut.n, gradOut.h, gradOut.w, gradOut.c)};
    }
}
