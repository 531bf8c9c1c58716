package io.pqkmcu.codegen.bench;

import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.Padding;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The MLPerf Tiny keyword-spotting DS-CNN ("DS-CNN-S": 49x10 MFCC input; conv 64 filters 10x4 stride 2;
 * four blocks of depthwise 3x3 + pointwise 64, each with ReLU; average pool 25x5; fully connected 12;
 * softmax) as an int8 model with random weights, for counting flash and instructions, not for accuracy.
 *
 * <p>Weights are Gaussian, quantized per output channel to [-127, 127], then magnitude-pruned: in every
 * layer (the depthwise and fully connected layers included) the given fraction of weights with the
 * smallest magnitudes becomes zero. Requantization is set so accumulators spread over the int8 range
 * (bias centring the ReLU inputs' mean, multiplier from the channel's weight norm), so the kernels take
 * the same paths as in a trained model. 38,864 weights (conv 2,560, depthwise 4 x 576, pointwise
 * 4 x 4,096, fully connected 768) on 588 output channels; 2.66 M MACs per inference.
 */
public final class DsCnnModels {
    public static final int CHANNELS = 64;
    public static final List<String> LABELS = List.of("_silence_", "_unknown_", "yes", "no", "up", "down", "left",
            "right", "on", "off", "stop", "go");

    private final Random rnd;
    private final double sparsity;
    private final List<TensorSpec> tensors = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();

    private DsCnnModels(double sparsity, long seed) {
        if (sparsity < 0 || sparsity >= 1) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        this.sparsity = sparsity;
        this.rnd = new Random(seed);
    }

    /** DS-CNN-S with every layer pruned to {@code sparsity} (fraction of zero weights). */
    public static Int8Model small(double sparsity, long seed) {
        DsCnnModels g = new DsCnnModels(sparsity, seed);
        TensorSpec t = g.tensor(49, 10, 1, 0.25, 11);
        t = g.conv("conv1", t, CHANNELS, 10, 4, 2);
        for (int b = 1; b <= 4; b++) {
            t = g.depthwise("dw" + b, t);
            t = g.conv("pw" + b, t, CHANNELS, 1, 1, 1);
        }
        TensorSpec pooled = g.tensor(1, 1, CHANNELS, t.scale(), t.zeroPoint());
        g.ops.add(new AveragePool2DOp("avgpool", t.id(), pooled.id(), 25, 5, 1, 1, Padding.NONE, -128, 127));
        TensorSpec logits = g.fc("fc", pooled, LABELS.size());
        TensorSpec probs = g.tensor(1, 1, LABELS.size(), SoftmaxOp.OUTPUT_SCALE, SoftmaxOp.OUTPUT_ZERO_POINT);
        g.ops.add(SoftmaxOp.of("softmax", logits.id(), probs.id(), 1.0, logits.scale()));
        TreeMap<String, String> meta = new TreeMap<>();
        meta.put("generator", "DsCnnModels");
        meta.put("sparsity", Double.toString(sparsity));
        return new Int8Model(String.format(java.util.Locale.ROOT, "ds-cnn-s-%02.0f", sparsity * 100), LABELS, null,
                g.tensors, g.ops, 0, probs.id(), meta);
    }

    private TensorSpec tensor(int h, int w, int c, double scale, int zeroPoint) {
        TensorSpec t = new TensorSpec(tensors.size(), tensors.isEmpty() ? "input" : "t" + tensors.size(), h, w, c, scale,
                zeroPoint);
        tensors.add(t);
        return t;
    }

    /** A ReLU output: zero maps to -128, so the activation clamp is the whole int8 range. */
    private TensorSpec reluTensor(int h, int w, int c) {
        return tensor(h, w, c, 0.02, -128);
    }

    private TensorSpec conv(String name, TensorSpec in, int cout, int kh, int kw, int stride) {
        int[] ay = Padding.same(in.height(), kh, stride, 1);
        int[] ax = Padding.same(in.width(), kw, stride, 1);
        TensorSpec out = reluTensor(ay[0], ax[0], cout);
        QuantizedWeights w = weights(new int[] {cout, kh, kw, in.channels()}, cout, kh * kw * in.channels(), false, in, out);
        ops.add(new Conv2DOp(name, in.id(), out.id(), stride, stride, 1, 1, new Padding(ay[1], ax[1]), w, -128, 127));
        return out;
    }

    private TensorSpec depthwise(String name, TensorSpec in) {
        int c = in.channels();
        TensorSpec out = reluTensor(in.height(), in.width(), c);
        QuantizedWeights w = weights(new int[] {1, 3, 3, c}, c, 9, true, in, out);
        ops.add(new DepthwiseConv2DOp(name, in.id(), out.id(), 1, 1, 1, 1, new Padding(1, 1), w, -128, 127));
        return out;
    }

    private TensorSpec fc(String name, TensorSpec in, int outputs) {
        TensorSpec out = tensor(1, 1, outputs, 0.2, 0);
        QuantizedWeights w = weights(new int[] {outputs, in.size()}, outputs, in.size(), false, in, out);
        ops.add(new FullyConnectedOp(name, in.id(), out.id(), w, -128, 127));
        return out;
    }

    /**
     * Gaussian weights per output channel scaled to [-127, 127], the smallest {@code sparsity} fraction of
     * the layer's magnitudes set to zero, and a requantization that maps the channel's accumulator spread
     * (input offset around 128 for ReLU inputs) onto about +-100.
     */
    private QuantizedWeights weights(int[] shape, int rows, int k, boolean depthwise, TensorSpec in, TensorSpec out) {
        int n = rows * k;
        double[] real = new double[n];
        for (int i = 0; i < n; i++) {
            real[i] = rnd.nextGaussian();
        }
        byte[] data = new byte[n];
        double[] scale = new double[rows];
        for (int r = 0; r < rows; r++) {
            double max = 1e-9;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, Math.abs(real[index(r, j, rows, k, depthwise)]));
            }
            scale[r] = max / 127;
            for (int j = 0; j < k; j++) {
                int i = index(r, j, rows, k, depthwise);
                data[i] = (byte) Math.max(-127, Math.min(127, Math.round(real[i] / scale[r])));
            }
        }
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> Math.abs(data[i])).thenComparingInt(i -> i));
        int prune = (int) Math.round(sparsity * n);
        for (int p = 0; p < prune; p++) {
            data[order[p]] = 0;
            mask[order[p]] = false;
        }
        int[] bias = new int[rows];
        int[] mult = new int[rows];
        int[] shift = new int[rows];
        double meanInput = in.zeroPoint() == -128 ? 64 : 0; // ReLU inputs: x - zp is non-negative
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            double squares = 0;
            for (int j = 0; j < k; j++) {
                int w = data[index(r, j, rows, k, depthwise)];
                sum += w;
                squares += (double) w * w;
            }
            double spread = Math.max(1.0, Math.sqrt(squares) * 70);
            bias[r] = (int) Math.round(-meanInput * sum + (rnd.nextDouble() - 0.5) * spread * 0.5);
            QuantMath.Multiplier m = QuantMath.quantizeMultiplier(100.0 / spread);
            mult[r] = m.multiplier();
            shift[r] = m.shift();
        }
        return new QuantizedWeights(shape, data, mask, scale, bias, mult, shift);
    }

    /** Flat index of weight j of output channel r ([C_OUT][K], or depthwise [K][C]). */
    private static int index(int r, int j, int rows, int k, boolean depthwise) {
        return depthwise ? j * rows + r : r * k + j;
    }
}
