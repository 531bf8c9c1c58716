package io.pqkmcu.trainer.pqk;

import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.quant.QuantMath;
import io.pqkmcu.trainer.nn.Activation;
import io.pqkmcu.trainer.nn.Add;
import io.pqkmcu.trainer.nn.AvgPool;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Dropout;
import io.pqkmcu.trainer.nn.Flatten;
import io.pqkmcu.trainer.nn.Layer;
import io.pqkmcu.trainer.nn.MaxPool;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Node;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.WeightGranularity;
import io.pqkmcu.trainer.quant.WeightQuantizer;
import io.pqkmcu.trainer.tensor.ConvGeometry;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the trained student into the int8 graph: BN folded with the student's running statistics,
 * masked weights quantized per channel with the same {@link WeightQuantizer} the training used, int32
 * biases at input_scale × weight_scale, requantization multipliers from frexp, activation ranges from
 * the observers, fused activations as clamps.
 */
public final class Int8Exporter {
    private Int8Exporter() {}

    public static Int8Model export(Network net, ActQuant inputQuant, List<String> labels, FrontEndConfig frontEnd,
                                   String name, SortedMap<String, String> metadata) {
        List<TensorSpec> tensors = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        tensors.add(new TensorSpec(0, "input", net.inputHeight(), net.inputWidth(), net.inputChannels(),
                inputQuant.scale(), inputQuant.zeroPoint()));
        List<Node> nodes = net.nodes();
        // The int8 tensor each node's output is; layers without an int8 op (dropout, flatten) alias their input.
        int[] tensorOf = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Layer layer = node.layer();
            TensorSpec in = tensors.get(tensorIn(node, 0, tensorOf));
            int id = tensors.size();
            if (layer instanceof Dropout || layer instanceof Flatten) {
                tensorOf[i] = in.id();
                continue;
            }
            TensorSpec out;
            if (layer instanceof ConvUnit u) {
                ActQuant outQuant = observed(u.name(), u.observer());
                out = new TensorSpec(id, u.name(), node.height(), node.width(), node.channels(), outQuant.scale(),
                        outQuant.zeroPoint());
                QuantizedWeights w = weights(u, in.scale(), outQuant.scale(), net.quantControl().weightGranularity());
                int[] act = activationRange(u.activation(), outQuant);
                if (u.kind() == ConvUnit.Kind.DENSE) {
                    ops.add(new FullyConnectedOp(u.name(), in.id(), id, w, act[0], act[1]));
                } else {
                    ConvGeometry g = u.geometry();
                    if (u.kind() == ConvUnit.Kind.CONV) {
                        ops.add(new Conv2DOp(u.name(), in.id(), id, g.strideH(), g.strideW(), g.dilH(), g.dilW(),
                                g.padding(), w, act[0], act[1]));
                    } else {
                        ops.add(new DepthwiseConv2DOp(u.name(), in.id(), id, g.strideH(), g.strideW(), g.dilH(),
                                g.dilW(), g.padding(), w, act[0], act[1]));
                    }
                }
            } else if (layer instanceof AvgPool p) {
                ConvGeometry g = p.geometry();
                out = new TensorSpec(id, p.name(), g.outH(), g.outW(), in.channels(), in.scale(), in.zeroPoint());
                ops.add(new AveragePool2DOp(p.name(), in.id(), id, g.kh(), g.kw(), g.strideH(), g.strideW(),
                        g.padding(), -128, 127));
            } else if (layer instanceof MaxPool p) {
                ConvGeometry g = p.geometry();
                out = new TensorSpec(id, p.name(), g.outH(), g.outW(), in.channels(), in.scale(), in.zeroPoint());
                ops.add(new MaxPool2DOp(p.name(), in.id(), id, g.kh(), g.kw(), g.strideH(), g.strideW(), g.padding(),
                        -128, 127));
            } else if (layer instanceof Add a) {
                TensorSpec in2 = tensors.get(tensorIn(node, 1, tensorOf));
                ActQuant outQuant = observed(a.name(), a.observer());
                out = new TensorSpec(id, a.name(), node.height(), node.width(), node.channels(), outQuant.scale(),
                        outQuant.zeroPoint());
                int[] act = activationRange(a.activation(), outQuant);
                ops.add(AddOp.of(a.name(), in.id(), in2.id(), id, in.scale(), in2.scale(), outQuant.scale(), act[0],
                        act[1]));
            } else {
                throw new IllegalStateException("no int8 export for layer " + layer.name());
            }
            tensors.add(out);
            tensorOf[i] = id;
        }
        SortedMap<String, String> meta = new TreeMap<>(metadata);
        meta.put("architecture", net.architecture());
        meta.put("sparsity", String.format(java.util.Locale.ROOT, "%.4f", net.sparsity()));
        return new Int8Model(name, labels, frontEnd, tensors, ops, 0, tensorOf[nodes.size() - 1], meta);
    }

    private static int tensorIn(Node node, int k, int[] tensorOf) {
        int src = node.input(k);
        return src == Network.INPUT ? 0 : tensorOf[src];
    }

    private static ActQuant observed(String layer, ActivationObserver observer) {
        if (!observer.ready()) {
            throw new IllegalStateException(layer + " has no observed activation range; train with quantization (or "
                    + "calibrate) before exporting");
        }
        return observer.quant();
    }

    static QuantizedWeights weights(ConvUnit u, double inScale, double outScale, WeightGranularity granularity) {
        boolean depthwise = u.kind() == ConvUnit.Kind.DEPTHWISE;
        float[] folded = u.foldedMaskedWeights(Branch.STUDENT_SLOT);
        WeightQuantizer.Result q = WeightQuantizer.quantize(folded, u.outChannels(), depthwise, granularity);
        float[] bias = u.foldedBias(Branch.STUDENT_SLOT);
        int channels = u.outChannels();
        double[] weightScale = q.scale().clone();
        boolean[] empty = emptyChannels(q.q(), channels, depthwise);
        int[] qb = new int[channels];
        int[] mult = new int[channels];
        int[] shift = new int[channels];
        for (int c = 0; c < channels; c++) {
            if (empty[c]) {
                weightScale[c] = emptyChannelAccScale(bias[c], outScale) / inScale;
            }
            double accScale = inScale * weightScale[c];
            long b = QuantMath.roundHalfAway(bias[c] / accScale);
            qb[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
            QuantMath.Multiplier m = QuantMath.quantizeMultiplier(accScale / outScale);
            mult[c] = m.multiplier();
            shift[c] = m.shift();
        }
        boolean[] mask = new boolean[folded.length];
        float[] m = u.mask();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = m[i] != 0f;
        }
        int[] shape;
        if (u.kind() == ConvUnit.Kind.DENSE) {
            shape = new int[] {channels, u.inChannels()};
        } else if (depthwise) {
            shape = new int[] {1, u.geometry().kh(), u.geometry().kw(), channels};
        } else {
            shape = new int[] {channels, u.geometry().kh(), u.geometry().kw(), u.inChannels()};
        }
        return new QuantizedWeights(shape, q.q(), mask, weightScale, qb, mult, shift);
    }

    /** Channels whose int8 weights are all zero (fully pruned): their output is the bias alone. */
    private static boolean[] emptyChannels(byte[] q, int channels, boolean channelsLast) {
        boolean[] empty = new boolean[channels];
        java.util.Arrays.fill(empty, true);
        int per = q.length / channels;
        for (int i = 0; i < q.length; i++) {
            if (q[i] != 0) {
                empty[channelsLast ? i % channels : i / per] = false;
            }
        }
        return empty;
    }

    /**
     * The accumulator scale of a channel with no weights. Its weight scale is free (every weight is 0), but it sets
     * the step of the int32 bias, which is then the channel's whole output: the quantizer's placeholder scale of 1
     * made that step input_scale, up to 17 output codes on a KWS conv1 (its multiplier was 12–18), and a
     * BatchNorm that amplifies the constant channel downstream turned the error into a 29-point accuracy loss. A
     * step of 2^-16 output codes keeps the bias exact to far below a code; a bias too large for int32 at that step
     * gets a coarser one, still saturating the output as the float layer does.
     */
    static double emptyChannelAccScale(double bias, double outScale) {
        double fine = outScale / 65536.0;
        return Math.max(fine, Math.abs(bias) / (1L << 30));
    }

    /** The fused activation as an int8 clamp: ReLU → [code(0), 127], ReLU6 → [code(0), code(6)]. */
    static int[] activationRange(Activation a, ActQuant q) {
        switch (a) {
            case RELU:
                return new int[] {Math.max(-128, q.codeOf(0.0)), 127};
            case RELU6:
                return new int[] {Math.max(-128, q.codeOf(0.0)), Math.min(127, q.codeOf(6.0))};
            default:
                return new int[] {-128, 127};
        }
    }
}
