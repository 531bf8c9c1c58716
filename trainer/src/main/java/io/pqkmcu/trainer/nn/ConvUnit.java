package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.WeightQuantizer;
import io.pqkmcu.trainer.tensor.BnActKernels;
import io.pqkmcu.trainer.tensor.ConvGeometry;
import io.pqkmcu.trainer.tensor.DepthwiseConv;
import io.pqkmcu.trainer.tensor.Gemm;
import io.pqkmcu.trainer.tensor.Im2col;
import io.pqkmcu.trainer.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A weighted layer as it will run in int8: convolution, depthwise convolution or fully connected,
 * followed by BatchNorm (or a bias), a fused activation and the output's fake quantization.
 *
 * <p>Quantization-aware training follows the "approximate" BN folding of PyTorch's ConvBn: the
 * weights are folded with the running statistics, masked, fake-quantized per channel, and unfolded
 * again before the convolution, so BN can keep using batch statistics while the weights already sit
 * on the int8 grid; with frozen statistics the layer computes exactly the folded int8 layer. The
 * straight-through estimator makes dW = mask ⊙ dW_effective: pruned weights learn only from branches
 * that use all weights (the PQK teacher).
 */
public final class ConvUnit implements UnaryLayer {
    /** The three weighted layer types. */
    public enum Kind { CONV, DEPTHWISE, DENSE }

    private final String name;
    private final Kind kind;
    private final ConvGeometry geometry;
    private final int inC;
    private final int outC;
    private final int fanIn;
    private final Param weight;
    private final Param bias;
    private final BatchNorm bn;
    private final float[] mask;
    private final Activation activation;
    private final OutputQuantizer output;
    private final boolean prunable;
    private final QuantControl quantControl;

    /**
     * @param geometry spatial geometry (null for DENSE)
     * @param inC      input channels (DENSE: flattened input size)
     */
    ConvUnit(String name, Kind kind, ConvGeometry geometry, int inC, int outC, boolean batchNorm, Activation activation,
             boolean prunable, QuantControl quantControl, long seed) {
        this.name = name;
        this.kind = kind;
        this.geometry = geometry;
        this.inC = inC;
        this.outC = outC;
        this.activation = activation;
        this.prunable = prunable;
        this.quantControl = quantControl;
        this.output = new OutputQuantizer(quantControl);
        int weights;
        switch (kind) {
            case CONV:
                fanIn = geometry.kh() * geometry.kw() * inC;
                weights = outC * fanIn;
                break;
            case DEPTHWISE:
                if (inC != outC) {
                    throw new IllegalArgumentException(name + ": depthwise needs equal input and output channels");
                }
                fanIn = geometry.kh() * geometry.kw();
                weights = fanIn * outC;
                break;
            default:
                fanIn = inC;
                weights = outC * inC;
        }
        weight = new Param(name + ".weight", weights, true);
        mask = new float[weights];
        java.util.Arrays.fill(mask, 1f);
        bn = batchNorm ? new BatchNorm(name + ".bn", outC) : null;
        bias = batchNorm ? null : new Param(name + ".bias", outC, false);
        initWeights(seed);
    }

    private void initWeights(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
        // He initialisation for ReLU layers, Glorot for the linear output layer.
        double std = activation == Activation.NONE ? Math.sqrt(2.0 / (fanIn + outC)) : Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < weight.value.length; i++) {
            weight.value[i] = (float) (gaussian(rnd) * std);
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    public int inChannels() {
        return inC;
    }

    public int outChannels() {
        return outC;
    }

    public Activation activation() {
        return activation;
    }

    public boolean prunable() {
        return prunable;
    }

    public float[] weights() {
        return weight.value;
    }

    /** The weight parameter (the array {@link #mask} covers). */
    public Param weightParam() {
        return weight;
    }

    /** 1 for kept weights, 0 for pruned ones; the pruning schedule writes it. */
    public float[] mask() {
        return mask;
    }

    public ActivationObserver observer() {
        return output.observer();
    }

    /** True when the layer normalises with BatchNorm (folded at export); false when it has a plain bias. */
    public boolean hasBatchNorm() {
        return bn != null;
    }

    BatchNorm batchNorm() {
        return bn;
    }

    /** Copies BatchNorm running statistics between slots (the PQK teacher starts from the student's). */
    public void copyBatchNormSlot(int from, int to) {
        if (bn != null) {
            System.arraycopy(bn.runningMean[from], 0, bn.runningMean[to], 0, outC);
            System.arraycopy(bn.runningVar[from], 0, bn.runningVar[to], 0, outC);
        }
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        p.add(weight);
        if (bn != null) {
            p.add(bn.gamma);
            p.add(bn.beta);
        } else {
            p.add(bias);
        }
        return p;
    }

    @Override
    public List<NamedArray> state() {
        List<NamedArray> s = new ArrayList<>();
        s.add(new NamedArray(name + ".mask", mask));
        s.add(new NamedArray(name + ".observer", output.observer().state()));
        if (bn != null) {
            s.addAll(bn.state(name + ".bn"));
        }
        return s;
    }

    /**
     * Starts the layer from real-valued weights and bias of the deployed (BN-folded) layer, as a .tflite file
     * stores them, in this layer's weight layout. The mask keeps every weight. With BatchNorm, γ, β and both
     * slots' statistics are set so that inference computes exactly W·x + b (running mean 0, variance 1,
     * γ = √(1 + ε), β = b); {@link #reestimateBatchNorm} then moves the statistics to the data without
     * changing that function.
     */
    public void loadFolded(float[] w, float[] b) {
        if (w.length != weight.value.length || b.length != outC) {
            throw new IllegalArgumentException(name + ": expected " + weight.value.length + " weights and " + outC
                    + " biases, got " + w.length + " and " + b.length);
        }
        System.arraycopy(w, 0, weight.value, 0, w.length);
        java.util.Arrays.fill(mask, 1f);
        if (bn == null) {
            System.arraycopy(b, 0, bias.value, 0, outC);
            return;
        }
        for (int slot = 0; slot < 2; slot++) {
            java.util.Arrays.fill(bn.runningMean[slot], 0f);
            java.util.Arrays.fill(bn.runningVar[slot], 1f);
        }
        for (int c = 0; c < outC; c++) {
            bn.gamma.value[c] = (float) Math.sqrt(1.0 + BatchNorm.EPS);
            bn.beta.value[c] = b[c];
        }
    }

    /**
     * Sets both slots' BatchNorm statistics to a per-channel mean and variance of z (the convolution output)
     * and rescales γ and β so that the student slot's inference function, z·γ/σ + β − γμ/σ, is unchanged.
     * Training with batch statistics then starts from (nearly) the same function as inference. No-op
     * without BatchNorm.
     */
    public void reestimateBatchNorm(double[] mean, double[] variance) {
        if (bn == null) {
            return;
        }
        float[] a = bn.foldFactor(Branch.STUDENT_SLOT);
        float[] b = bn.foldedBias(Branch.STUDENT_SLOT);
        for (int c = 0; c < outC; c++) {
            double sd = Math.sqrt(variance[c] + BatchNorm.EPS);
            bn.gamma.value[c] = (float) (a[c] * sd);
            bn.beta.value[c] = (float) (b[c] + a[c] * mean[c]);
            for (int slot = 0; slot < 2; slot++) {
                bn.runningMean[slot][c] = (float) mean[c];
                bn.runningVar[slot][c] = (float) variance[c];
            }
        }
    }

    private int channelOf(int i) {
        return kind == Kind.DEPTHWISE ? i % outC : i / fanIn;
    }

    /** Per-channel factor folded into the weights: γ/σ of the student statistics, or 1 without BN. */
    public float[] foldFactor(int slot) {
        if (bn == null) {
            float[] ones = new float[outC];
            java.util.Arrays.fill(ones, 1f);
            return ones;
        }
        return bn.foldFactor(slot);
    }

    /** Bias of the folded layer for a BN slot (β − γμ/σ), or the plain bias. */
    public float[] foldedBias(int slot) {
        return bn == null ? bias.value.clone() : bn.foldedBias(slot);
    }

    /** Masked weights with the fold factor applied: the weights the int8 layer quantizes. */
    public float[] foldedMaskedWeights(int slot) {
        float[] f = foldFactor(slot);
        float[] w = new float[weight.value.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weight.value[i] * mask[i] * f[channelOf(i)];
        }
        return w;
    }

    /**
     * Pruning saliency: |W|, or with {@code folded} |W·γ/σ| — the magnitude the weight has in the
     * deployed (BN-folded) layer.
     */
    public float[] saliency(boolean folded) {
        float[] f = foldFactor(Branch.STUDENT_SLOT);
        float[] s = new float[weight.value.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(weight.value[i] * (folded ? f[channelOf(i)] : 1f));
        }
        return s;
    }

    /** Weights as the convolution of this branch uses them (masked, fake-quantized, unfolded). */
    private float[] effectiveWeights(Branch branch) {
        float[] w = weight.value.clone();
        if (branch.useMask()) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= mask[i];
            }
        }
        if (!branch.quantWeights()) {
            return w;
        }
        float[] f = foldFactor(branch.bnSlot());
        for (int i = 0; i < w.length; i++) {
            w[i] *= f[channelOf(i)];
        }
        float[] q = WeightQuantizer.fakeQuantize(w, outC, kind == Kind.DEPTHWISE, quantControl.weightGranularity());
        for (int i = 0; i < q.length; i++) {
            float fc = f[channelOf(i)];
            q[i] = Math.abs(fc) > 1e-12f ? q[i] / fc : 0f;
        }
        return q;
    }

    /** norm and xhat are set on the fused BatchNorm path; out.preQuant() on the plain-bias path. */
    private record Cache(float[] input, Tensor inputTensor, float[] wEff, BatchNorm.Normalization norm, float[] xhat,
                         OutputQuantizer.Saved out, int rows) {}

    @Override
    public Tensor forward(Tensor x, Pass pass) {
        Branch branch = pass.branch;
        float[] wEff = effectiveWeights(branch);
        int rows;
        float[] z;
        float[] col = null;
        int outH = kind == Kind.DENSE ? 1 : geometry.outH();
        int outW = kind == Kind.DENSE ? 1 : geometry.outW();
        if (kind == Kind.DEPTHWISE) {
            rows = x.n * geometry.outPixels();
            z = DepthwiseConv.forward(x, wEff, geometry).data;
        } else {
            if (kind == Kind.DENSE) {
                if (x.sampleSize() != inC) {
                    throw new IllegalArgumentException(name + " expects " + inC + " inputs, got " + x.shape());
                }
                rows = x.n;
                col = x.data;
            } else {
                rows = x.n * geometry.outPixels();
                col = geometry.isPointwise() ? x.data : Im2col.unfold(x, geometry);
            }
            z = new float[rows * outC];
            Gemm.mm(col, Gemm.transpose(wEff, outC, fanIn), z, rows, fanIn, outC, false);
        }
        if (bias != null) {
            addBias(z, rows);
        }
        float actLo = activation == Activation.NONE ? Float.NEGATIVE_INFINITY : 0f;
        float actHi = activation == Activation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
        if (bn != null) {
            return forwardBatchNorm(x, pass, wEff, col, z, rows, outH, outW, actLo, actHi);
        }
        OutputQuantizer.activate(z, activation);
        OutputQuantizer.Saved saved = output.apply(z, pass);
        if (pass.training) {
            pass.put(this, new Cache(col, kind == Kind.DEPTHWISE ? x : null, wEff, null, null, saved, rows));
        }
        return new Tensor(z, x.n, outH, outW, outC);
    }

    /**
     * BatchNorm, activation and fake quantization fused (BnActKernels): one statistics pass, one
     * output pass. The observer gets the batch's exact output range from the per-channel extremes of z.
     */
    private Tensor forwardBatchNorm(Tensor x, Pass pass, float[] wEff, float[] col, float[] z, int rows, int outH,
                                    int outW, float actLo, float actHi) {
        Branch branch = pass.branch;
        pass.recordBatchNormInput(this, z, rows, outC);
        BatchNorm.Normalization norm = bn.prepare(z, rows, branch.bnSlot(), pass.training && !branch.bnFrozen());
        ActQuant quant = output.applyToRange(pass, () -> bn.outputRange(norm, z, rows, actLo, actHi));
        float[] xhat = pass.training ? new float[z.length] : null;
        BnActKernels.Quant q = quant == null ? null : quant.kernel();
        BnActKernels.forward(z, rows, outC, norm.mean(), norm.invStd(), bn.gamma.value, bn.beta.value, actLo, actHi, xhat,
                q);
        if (pass.training) {
            pass.put(this, new Cache(col, kind == Kind.DEPTHWISE ? x : null, wEff, norm, xhat,
                    new OutputQuantizer.Saved(null, quant), rows));
        }
        return new Tensor(z, x.n, outH, outW, outC);
    }

    private void addBias(float[] z, int rows) {
        for (int r = 0; r < rows; r++) {
            int o = r * outC;
            for (int c = 0; c < outC; c++) {
                z[o + c] += bias.value[c];
            }
        }
    }

    @Override
    public Tensor backward(Tensor gradOut, Pass pass) {
        Cache c = pass.get(this);
        // gradOut is this pass's own buffer (the next layer's dx): gated and transformed in place.
        float[] g = gradOut.data;
        int rows = c.rows();
        if (bn != null) {
            float[] gate = output.gateBounds(c.out().quant(), activation);
            float lo = gate[0];
            float hi = gate[1];
            float[][] sums = BnActKernels.backward(g, c.xhat(), rows, outC, lo, hi, bn.gamma.value, bn.beta.value,
                    c.norm().invStd(), c.norm().batchStats());
            for (int ch = 0; ch < outC; ch++) {
                bn.beta.grad[ch] += sums[0][ch];
                bn.gamma.grad[ch] += sums[1][ch];
            }
        } else {
            output.gate(g, c.out(), activation);
            for (int r = 0; r < rows; r++) {
                int o = r * outC;
                for (int ch = 0; ch < outC; ch++) {
                    bias.grad[ch] += g[o + ch];
                }
            }
        }
        float[] dwEff = new float[weight.value.length];
        Tensor dx;
        if (kind == Kind.DEPTHWISE) {
            Tensor dy = new Tensor(g, gradOut.n, gradOut.h, gradOut.w, gradOut.c);
            dx = DepthwiseConv.backward(c.inputTensor(), c.wEff(), geometry, dy, dwEff);
        } else {
            if (Gemm.vectorFriendly(fanIn) || !Gemm.vectorFriendly(outC)) {
                Gemm.mmTransA(g, c.input(), dwEff, rows, outC, fanIn);
            } else {
                // Row width fanIn would leave a scalar column tail (conv1: 40): compute dWᵀ (width C_OUT).
                float[] dwT = new float[fanIn * outC];
                Gemm.mmTransA(c.input(), g, dwT, rows, fanIn, outC);
                for (int k = 0; k < fanIn; k++) {
                    for (int ch = 0; ch < outC; ch++) {
                        dwEff[ch * fanIn + k] = dwT[k * outC + ch];
                    }
                }
            }
            // The first layer's input is the data: nobody uses its gradient (conv1: a GEMM and a fold saved).
            dx = pass.needsInputGradient(this) ? inputGradient(g, c.wEff(), rows, gradOut) : null;
        }
        boolean masked = pass.branch.useMask();
        for (int i = 0; i < dwEff.length; i++) {
            weight.grad[i] += masked ? dwEff[i] * mask[i] : dwEff[i];
        }
        return dx;
    }

    /** dLoss/dInput of a CONV or DENSE layer from g = dLoss/dz: g·W, folded back to the input's shape. */
    private Tensor inputGradient(float[] g, float[] wEff, int rows, Tensor gradOut) {
        // dcol rows are padded to whole vectors (zero weight columns); fold skips the padding.
        int stride = kind == Kind.CONV && !geometry.isPointwise() ? Gemm.paddedWidth(fanIn) : fanIn;
        float[] w = wEff;
        if (stride != fanIn) {
            w = new float[outC * stride];
            for (int ch = 0; ch < outC; ch++) {
                System.arraycopy(wEff, ch * fanIn, w, ch * stride, fanIn);
            }
        }
        float[] dcol = new float[rows * stride];
        Gemm.mm(g, w, dcol, rows, outC, stride, false);
        if (kind == Kind.DENSE) {
            return new Tensor(dcol, gradOut.n, 1, 1, inC);
        } else if (geometry.isPointwise()) {
            return new Tensor(dcol, gradOut.n, geometry.inH(), geometry.inW(), inC);
        }
        return Im2col.fold(dcol, stride, gradOut.n, geometry.inH(), geometry.inW(), inC, geometry);
    }
}
