package io.pqkmcu.model;

import io.pqkmcu.model.quant.QuantMath;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded generator of random, valid int8 graphs, for property tests and benchmarks.
 *
 * <p>A model is a chain of convolution, depthwise, pointwise (1×1 conv), fully connected, average and
 * max pooling and softmax layers, and residual blocks (a depthwise or pointwise branch added back to
 * its input with ADD), with random shapes (spatial sizes 1..20, channels 1..16), strides 1..3, dilations 1..2,
 * SAME- or VALID-style padding, random per-tensor quantization (zero points including −128 and 127),
 * random per-channel requantization (mostly multipliers that keep outputs spread over the int8 range,
 * some extreme: the largest Q31 multiplier, shifts of −31 and +30, zero), random fused activations and
 * random sparsity 0..95 % with masks. The same seed always gives the same model.
 *
 * <p>Sizes are kept small (a few hundred thousand MACs at most) so hundreds of models can be generated,
 * compiled and run in a test suite.
 */
public final class RandomModels {
    /** Largest number of elements in a generated activation tensor. */
    private static final int MAX_TENSOR = 2048;
    /** Largest number of MACs of one generated layer. */
    private static final long MAX_MACS = 200_000;

    private final Random rnd;
    private final List<TensorSpec> tensors = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();

    private RandomModels(long seed) {
        this.rnd = new Random(seed);
    }

    /**
     * The op kinds the generators draw from: those the code generator compiles. (A fixed list, not
     * OpKind.values(): adding a kind to the IR must not change the models existing seeds produce.)
     */
    public static final java.util.List<OpKind> KINDS = java.util.List.of(OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D,
            OpKind.FULLY_CONNECTED, OpKind.AVERAGE_POOL_2D, OpKind.MAX_POOL_2D, OpKind.ADD, OpKind.SOFTMAX);

    /** {@link #KINDS} as a stream, for parameterized tests. */
    public static java.util.stream.Stream<OpKind> kinds() {
        return KINDS.stream();
    }

    /** A random chain of 1..6 layers. */
    public static Int8Model random(long seed) {
        RandomModels g = new RandomModels(seed);
        int layers = 1 + g.rnd.nextInt(6);
        g.addInput(1 + g.rnd.nextInt(20), 1 + g.rnd.nextInt(20), 1 + g.rnd.nextInt(8));
        OpKind[] kinds = KINDS.toArray(new OpKind[0]);
        for (int i = 0; i < layers; i++) {
            g.addLayer(g.pickKind(kinds), i);
        }
        // Keep the logits vector small: a classifier head when the chain ends in a large tensor.
        if (g.last().size() > 64) {
            g.addFullyConnected(layers, 1 + g.rnd.nextInt(16));
        }
        return g.build("random-" + seed);
    }

    /**
     * A model whose output is the output of one op of the given kind (for ADD: a residual block) on a
     * random input of 6..15 x 6..15 x 2..11, with random shape, stride, padding, dilation, sparsity and
     * quantization as in {@link #random(long)}, and no classifier head: every value the op computes is a
     * model output, so a wrong one cannot be hidden by later layers. For tests that compare outputs on
     * emulated boards, where each model is expensive to run.
     */
    public static Int8Model probe(OpKind kind, long seed) {
        RandomModels g = new RandomModels(seed);
        g.addInput(6 + g.rnd.nextInt(10), 6 + g.rnd.nextInt(10), 2 + g.rnd.nextInt(10));
        g.addLayer(kind, 0);
        return g.build("probe-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + seed);
    }

    /**
     * A random chain of 1..4 layers on a fixed input shape, ending in a classifier of {@code classes}
     * outputs. With a front end the input must be its frames × features × 1 (as {@link Int8Model} checks).
     */
    public static Int8Model random(long seed, int height, int width, int channels, int classes,
                                   io.pqkmcu.model.frontend.FrontEndConfig frontEnd) {
        RandomModels g = new RandomModels(seed);
        g.addInput(height, width, channels);
        int layers = 1 + g.rnd.nextInt(4);
        for (int i = 0; i < layers; i++) {
            g.addLayer(g.pickKind(KINDS.toArray(new OpKind[0])), i);
        }
        g.addFullyConnected(layers, classes);
        return g.build("random-" + seed + "-" + height + "x" + width + "x" + channels, frontEnd);
    }

    /**
     * A model of exactly one layer of the given kind on a random input, for per-op tests (ADD: a
     * residual block, the branch then the ADD). The weights have the given sparsity (fraction of zero
     * weights, 0..1).
     */
    public static Int8Model singleOp(OpKind kind, long seed, double sparsity) {
        RandomModels g = new RandomModels(seed);
        g.addInput(2 + g.rnd.nextInt(12), 2 + g.rnd.nextInt(12), 1 + g.rnd.nextInt(8));
        g.forcedSparsity = sparsity;
        g.addLayer(kind, 0);
        return g.build("single-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + seed);
    }

    /**
     * A probe (as {@link #probe}) of one convolution of a given shape: an h x w x c input, a kh x kw
     * kernel (SAME padding), the stride, cout outputs (fewer when the layer would be too large), the given
     * sparsity, and as activation the full int8 range or (relu) a clamp at the output zero point;
     * quantization random as in {@link #random(long)}. For tests of the sparse kernels on shapes the random
     * probes rarely reach (many inputs, long weight rows) and in a chosen requantization mode.
     */
    public static Int8Model conv(long seed, int h, int w, int c, int kh, int kw, int stride, int cout,
                                 double sparsity, boolean relu) {
        RandomModels g = new RandomModels(seed);
        g.addInput(h, w, c);
        g.forcedSparsity = sparsity;
        g.addConv("conv_0", kh, kw, stride, 1, cout, true);
        Conv2DOp op = (Conv2DOp) g.ops.remove(0);
        int lo = relu ? g.last().zeroPoint() : -128;
        g.ops.add(new Conv2DOp(op.name(), op.input(), op.output(), op.strideH(), op.strideW(), op.dilationH(),
                op.dilationW(), op.padding(), op.weights(), lo, 127));
        return g.build("conv-" + h + "x" + w + "x" + c + "-k" + kh + "x" + kw + "s" + stride + "-" + cout
                + (relu ? "-relu-" : "-") + seed);
    }

    /** A random input for {@code model}: uniform int8 values. */
    public static byte[] randomInput(Int8Model model, Random rnd) {
        byte[] in = new byte[model.input().size()];
        rnd.nextBytes(in);
        return in;
    }

    // ---------------------------------------------------------------------------------------------

    private double forcedSparsity = -1;

    private OpKind pickKind(OpKind[] kinds) {
        return kinds[rnd.nextInt(kinds.length)];
    }

    private TensorSpec last() {
        return tensors.get(tensors.size() - 1);
    }

    private Int8Model build(String name) {
        return build(name, null);
    }

    private Int8Model build(String name, io.pqkmcu.model.frontend.FrontEndConfig frontEnd) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < last().size(); i++) {
            labels.add("class_" + i);
        }
        TreeMap<String, String> meta = new TreeMap<>();
        meta.put("generator", "RandomModels");
        return new Int8Model(name, labels, frontEnd, tensors, ops, 0, last().id(), meta);
    }

    private void addInput(int h, int w, int c) {
        tensors.add(new TensorSpec(0, "input", h, w, c, randomScale(), randomZeroPoint()));
    }

    private TensorSpec addTensor(int h, int w, int c) {
        return addTensor(h, w, c, randomScale(), randomZeroPoint());
    }

    private TensorSpec addTensor(int h, int w, int c, double scale, int zeroPoint) {
        TensorSpec t = new TensorSpec(tensors.size(), "t" + tensors.size(), h, w, c, scale, zeroPoint);
        tensors.add(t);
        return t;
    }

    private void addLayer(OpKind kind, int index) {
        switch (kind) {
            case CONV_2D:
                if (rnd.nextInt(3) == 0) {
                    addConv("pointwise_" + index, 1, 1, 1, 1, 1 + rnd.nextInt(16), false);
                } else {
                    addConv("conv_" + index, 1 + rnd.nextInt(5), 1 + rnd.nextInt(5), 1 + rnd.nextInt(3),
                            1 + rnd.nextInt(2), 1 + rnd.nextInt(16), rnd.nextBoolean());
                }
                break;
            case DEPTHWISE_CONV_2D:
                addDepthwise("dw_" + index);
                break;
            case FULLY_CONNECTED:
                addFullyConnected(index, 1 + rnd.nextInt(16));
                break;
            case AVERAGE_POOL_2D:
                addPool("pool_" + index, false);
                break;
            case MAX_POOL_2D:
                addPool("maxpool_" + index, true);
                break;
            case ADD:
                addResidual(index);
                break;
            case SOFTMAX:
                addSoftmax("softmax_" + index);
                break;
            default:
                throw new IllegalStateException("no generator for " + kind);
        }
    }

    /** Output size and padding for one axis: SAME or VALID style; VALID falls back to SAME when empty. */
    private static int[] axis(int in, int k, int stride, int dilation, boolean same) {
        if (!same) {
            int[] v = Padding.valid(in, k, stride, dilation);
            if (v[0] >= 1) {
                return v;
            }
        }
        return Padding.same(in, k, stride, dilation);
    }

    private void addConv(String name, int kh, int kw, int stride, int dilation, int cout, boolean same) {
        TensorSpec in = last();
        int[] ay = axis(in.height(), kh, stride, dilation, same);
        int[] ax = axis(in.width(), kw, stride, dilation, same);
        cout = shrinkChannels(ay[0] * ax[0], cout, (long) kh * kw * in.channels());
        TensorSpec out = addTensor(ay[0], ax[0], cout);
        QuantizedWeights w = weights(new int[] {cout, kh, kw, in.channels()}, cout, kh * kw * in.channels(), in, out,
                false);
        int[] act = activation(out);
        ops.add(new Conv2DOp(name, in.id(), out.id(), stride, stride, dilation, dilation, new Padding(ay[1], ax[1]), w,
                act[0], act[1]));
    }

    private void addDepthwise(String name) {
        TensorSpec in = last();
        int kh = 1 + rnd.nextInt(5);
        int kw = 1 + rnd.nextInt(5);
        int stride = 1 + rnd.nextInt(3);
        int dilation = 1 + rnd.nextInt(2);
        boolean same = rnd.nextBoolean();
        int[] ay = axis(in.height(), kh, stride, dilation, same);
        int[] ax = axis(in.width(), kw, stride, dilation, same);
        int c = in.channels();
        TensorSpec out = addTensor(ay[0], ax[0], c);
        QuantizedWeights w = weights(new int[] {1, kh, kw, c}, c, kh * kw, in, out, true);
        int[] act = activation(out);
        ops.add(new DepthwiseConv2DOp(name, in.id(), out.id(), stride, stride, dilation, dilation,
                new Padding(ay[1], ax[1]), w, act[0], act[1]));
    }

    private void addFullyConnected(int index, int outputs) {
        TensorSpec in = last();
        outputs = shrinkChannels(1, outputs, in.size());
        TensorSpec out = addTensor(1, 1, outputs);
        QuantizedWeights w = weights(new int[] {outputs, in.size()}, outputs, in.size(), in, out, false);
        int[] act = activation(out);
        ops.add(new FullyConnectedOp("fc_" + index, in.id(), out.id(), w, act[0], act[1]));
    }

    /** Average or max pooling: random filter, stride and padding; an activation clamp one time in four. */
    private void addPool(String name, boolean max) {
        TensorSpec in = last();
        int fh = 1 + rnd.nextInt(4);
        int fw = 1 + rnd.nextInt(4);
        int stride = 1 + rnd.nextInt(3);
        boolean same = rnd.nextBoolean();
        int[] ay = axis(in.height(), fh, stride, 1, same);
        int[] ax = axis(in.width(), fw, stride, 1, same);
        TensorSpec out = addTensor(ay[0], ax[0], in.channels(), in.scale(), in.zeroPoint());
        int[] act = rnd.nextInt(4) == 0 ? activation(out) : new int[] {-128, 127};
        Padding padding = new Padding(ay[1], ax[1]);
        ops.add(max
                ? new MaxPool2DOp(name, in.id(), out.id(), fh, fw, stride, stride, padding, act[0], act[1])
                : new AveragePool2DOp(name, in.id(), out.id(), fh, fw, stride, stride, padding, act[0], act[1]));
    }

    /**
     * A residual block: a branch that keeps the shape (depthwise KxK SAME, or a pointwise conv back to the
     * same channel count when that stays small), added to the block's input.
     */
    private void addResidual(int index) {
        TensorSpec in = last();
        int c = in.channels();
        int pixels = in.height() * in.width();
        if (rnd.nextBoolean() && (long) pixels * c * c <= MAX_MACS) {
            TensorSpec branch = addTensor(in.height(), in.width(), c);
            QuantizedWeights w = weights(new int[] {c, 1, 1, c}, c, c, in, branch, false);
            int[] act = activation(branch);
            ops.add(new Conv2DOp("res_pw_" + index, in.id(), branch.id(), 1, 1, 1, 1, Padding.NONE, w, act[0], act[1]));
        } else {
            int k = 1 + 2 * rnd.nextInt(3);
            int[] ay = Padding.same(in.height(), k, 1, 1);
            int[] ax = Padding.same(in.width(), k, 1, 1);
            TensorSpec branch = addTensor(ay[0], ax[0], c);
            QuantizedWeights w = weights(new int[] {1, k, k, c}, c, k * k, in, branch, true);
            int[] act = activation(branch);
            ops.add(new DepthwiseConv2DOp("res_dw_" + index, in.id(), branch.id(), 1, 1, 1, 1, new Padding(ay[1], ax[1]),
                    w, act[0], act[1]));
        }
        TensorSpec branch = last();
        TensorSpec out = addTensor(in.height(), in.width(), c);
        int[] act = rnd.nextInt(3) == 0 ? activation(out) : new int[] {-128, 127};
        ops.add(AddOp.of("add_" + index, in.id(), branch.id(), out.id(), in.scale(), branch.scale(), out.scale(), act[0],
                act[1]));
    }

    private void addSoftmax(String name) {
        TensorSpec in = last();
        TensorSpec out = addTensor(in.height(), in.width(), in.channels(), SoftmaxOp.OUTPUT_SCALE,
                SoftmaxOp.OUTPUT_ZERO_POINT);
        double beta = rnd.nextInt(3) == 0 ? 0.5 + 2 * rnd.nextDouble() : 1.0;
        ops.add(SoftmaxOp.of(name, in.id(), out.id(), beta, in.scale()));
    }

    /** Fewer output channels when the tensor or the layer's MACs would be too large. */
    private static int shrinkChannels(int pixels, int channels, long macsPerOutput) {
        int c = channels;
        while (c > 1 && ((long) pixels * c > MAX_TENSOR || (long) pixels * c * macsPerOutput > MAX_MACS)) {
            c--;
        }
        return c;
    }

    private double randomScale() {
        return Math.pow(10, -3 + 3 * rnd.nextDouble());
    }

    private int randomZeroPoint() {
        switch (rnd.nextInt(6)) {
            case 0:
                return -128;
            case 1:
                return 127;
            case 2:
                return 0;
            default:
                return rnd.nextInt(256) - 128;
        }
    }

    /** Fused activation: full range, ReLU-like (from the zero point) or a random sub-range. */
    private int[] activation(TensorSpec out) {
        int pick = rnd.nextInt(10);
        if (pick < 5) {
            return new int[] {-128, 127};
        }
        if (pick < 8) {
            return new int[] {out.zeroPoint(), 127};
        }
        int a = rnd.nextInt(256) - 128;
        int b = rnd.nextInt(256) - 128;
        return new int[] {Math.min(a, b), Math.max(a, b)};
    }

    /**
     * Random weights with a mask: {@code rows} output channels of {@code k} weights each. Values follow
     * one of three shapes: uniform over [-127, 127], narrow [-7, 7], or "magnitude pruned" (only large
     * magnitudes survive), so the sparse encoder meets different value ranges.
     */
    private QuantizedWeights weights(int[] shape, int rows, int k, TensorSpec in, TensorSpec out, boolean depthwise) {
        int n = rows * k;
        double sparsity = forcedSparsity >= 0 ? forcedSparsity : 0.95 * rnd.nextDouble();
        int mode = rnd.nextInt(3);
        int minMagnitude = mode == 2 ? 1 + rnd.nextInt(40) : 1;
        int maxMagnitude = mode == 1 ? 7 : 127;
        byte[] data = new byte[n];
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rnd.nextDouble() >= sparsity;
            if (mask[i]) {
                int m = minMagnitude + rnd.nextInt(maxMagnitude - minMagnitude + 1);
                // A kept weight occasionally quantizes to zero, as in real models.
                data[i] = (byte) (rnd.nextInt(50) == 0 ? 0 : rnd.nextBoolean() ? m : -m);
            }
        }
        double[] scale = new double[rows];
        int[] bias = new int[rows];
        int[] mult = new int[rows];
        int[] shift = new int[rows];
        int[] perRow = nonZerosPerRow(data, rows, k, depthwise);
        for (int c = 0; c < rows; c++) {
            double typicalAcc = Math.sqrt(Math.max(perRow[c], 1)) * 70.0 * Math.max(maxMagnitude / 2.0, 1);
            double real = (20 + 60 * rnd.nextDouble()) / typicalAcc;
            QuantMath.Multiplier m = QuantMath.quantizeMultiplier(real);
            int extreme = rnd.nextInt(40);
            if (extreme == 0) {
                m = new QuantMath.Multiplier(Integer.MAX_VALUE, 30);
            } else if (extreme == 1) {
                m = new QuantMath.Multiplier(1 << 30, -31);
            } else if (extreme == 2) {
                m = new QuantMath.Multiplier(0, 0);
            } else if (extreme == 3) {
                m = new QuantMath.Multiplier(Integer.MAX_VALUE, rnd.nextInt(62) - 31);
            }
            mult[c] = m.multiplier();
            shift[c] = m.shift();
            scale[c] = real * out.scale() / in.scale();
            bias[c] = rnd.nextInt(6) == 0 ? rnd.nextInt(1 << 21) - (1 << 20) : (int) ((rnd.nextDouble() - 0.5) * typicalAcc);
        }
        return new QuantizedWeights(shape, data, mask, scale, bias, mult, shift);
    }

    private static int[] nonZerosPerRow(byte[] data, int rows, int k, boolean depthwise) {
        int[] count = new int[rows];
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0) {
                count[depthwise ? i % rows : i / k]++;
            }
        }
        return count;
    }
}
