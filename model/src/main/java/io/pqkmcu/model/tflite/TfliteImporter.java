package io.pqkmcu.model.tflite;

import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.ModelFormatException;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.Padding;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a fully integer-quantized .tflite model onto the int8 IR, computing every requantization
 * parameter exactly as TensorFlow Lite Micro's Prepare functions do, so that the Java interpreter and
 * the generated C reproduce TFLM's reference kernels bit for bit:
 * <ul>
 *   <li>multipliers from the double {@code real} by frexp ({@link QuantMath#quantizeMultiplier});</li>
 *   <li>CONV_2D / DEPTHWISE_CONV_2D: {@code real = (double) s_in · (double) s_w[c] / (double) s_out};</li>
 *   <li>FULLY_CONNECTED: {@code real = (double) (s_in · s_w)} with the product taken in float32, as
 *       TFLM's GetQuantizedConvolutionMultipler does;</li>
 *   <li>fused activations clamp at {@code zp + round(x / s)} computed in float32.</li>
 * </ul>
 * RESHAPE is a view: its output is the input's bytes, so it becomes an alias of its input tensor.
 * QUANTIZE (float32 → int8) first and DEQUANTIZE (int8 → float32) last are kept as the model's float
 * wrapper in metadata; the IR graph itself is int8 from end to end.
 */
public final class TfliteImporter {
    /** Metadata keys describing a float32 wrapper around the int8 graph: "scale zero_point". */
    public static final String META_FLOAT_INPUT = "tflite.float_input";
    public static final String META_FLOAT_OUTPUT = "tflite.float_output";

    private final TfliteFile f;
    private final List<TensorSpec> tensors = new ArrayList<>();
    private final Map<Integer, Integer> irTensor = new HashMap<>();
    private final List<Op> ops = new ArrayList<>();

    private TfliteImporter(TfliteFile f) {
        this.f = f;
    }

    /** Reads and maps a .tflite file; every defect is a {@link ModelFormatException} naming the file. */
    public static Int8Model read(Path path, String name, List<String> labels) {
        return ModelFile.decode(path, bytes -> fromBytes(bytes, name, labels));
    }

    public static Int8Model fromBytes(byte[] bytes, String name, List<String> labels) {
        TfliteFile f = TfliteFile.parse(bytes);
        return new TfliteImporter(f).map(name, labels);
    }

    private Int8Model map(String name, List<String> labels) {
        f.requireOneInputOneOutput();
        TreeMap<String, String> meta = new TreeMap<>();
        meta.put("source", "tflite");
        if (f.description != null && !f.description.isBlank()) {
            meta.put("tflite.description", f.description);
        }
        List<TfliteFile.Operator> body = new ArrayList<>(f.operators);
        int graphIn = f.inputs[0];
        int graphOut = f.outputs[0];
        // A float32 wrapper: QUANTIZE as the first operator, DEQUANTIZE as the last.
        TfliteFile.Operator first = body.get(0);
        if (f.builtin(first) == BuiltinOps.QUANTIZE && f.tensors.get(graphIn).type() == TfliteFile.FLOAT32
                && first.inputs().length == 1 && first.inputs()[0] == graphIn) {
            TfliteFile.Tensor q = f.tensors.get(first.outputs()[0]);
            requireInt8(first, q, "output");
            meta.put(META_FLOAT_INPUT, scale(q) + " " + zeroPoint(q));
            graphIn = q.index();
            body.remove(0);
        }
        if (!body.isEmpty()) {
            TfliteFile.Operator last = body.get(body.size() - 1);
            if (f.builtin(last) == BuiltinOps.DEQUANTIZE && last.outputs()[0] == graphOut
                    && f.tensors.get(graphOut).type() == TfliteFile.FLOAT32) {
                TfliteFile.Tensor q = f.tensors.get(last.inputs()[0]);
                requireInt8(last, q, "input");
                meta.put(META_FLOAT_OUTPUT, scale(q) + " " + zeroPoint(q));
                graphOut = q.index();
                body.remove(body.size() - 1);
            }
        }
        TfliteFile.Tensor in = f.tensors.get(graphIn);
        if (in.type() != TfliteFile.INT8) {
            String why = in.type() == TfliteFile.FLOAT32
                    ? "it is a float model (float32 input '" + in.name() + "'); pqk import needs a fully int8-quantized"
                    + " model (quantize it with the TFLite converter first)"
                    : "its input '" + in.name() + "' is " + typeName(in.type()) + ", not int8";
            throw new TfliteFormatException("cannot import: " + why);
        }
        activation(graphIn);
        for (TfliteFile.Operator op : body) {
            mapOp(op);
        }
        if (!irTensor.containsKey(graphOut)) {
            throw new TfliteFormatException("no supported operator produces the output tensor " + graphOut);
        }
        TensorSpec outSpec = tensors.get(irTensor.get(graphOut));
        List<String> ls = labels;
        if (ls == null || ls.isEmpty()) {
            ls = new ArrayList<>();
            for (int i = 0; i < outSpec.size(); i++) {
                ls.add("class_" + i);
            }
        }
        meta.put("tflite.operators", String.valueOf(f.operators.size()));
        if (deadChannels > 0) {
            meta.put("tflite.dead_channels_rewritten", String.valueOf(deadChannels));
        }
        return new Int8Model(name, ls, null, tensors, ops, irTensor.get(graphIn), outSpec.id(), meta);
    }

    private void mapOp(TfliteFile.Operator op) {
        int code = f.builtin(op);
        switch (code) {
            case BuiltinOps.CONV_2D -> conv(op, false);
            case BuiltinOps.DEPTHWISE_CONV_2D -> conv(op, true);
            case BuiltinOps.FULLY_CONNECTED -> fullyConnected(op);
            case BuiltinOps.AVERAGE_POOL_2D, BuiltinOps.MAX_POOL_2D -> pool(op, code == BuiltinOps.MAX_POOL_2D);
            case BuiltinOps.ADD -> add(op);
            case BuiltinOps.SOFTMAX -> softmax(op);
            case BuiltinOps.RESHAPE -> reshape(op);
            default -> {
                String where = (code == BuiltinOps.QUANTIZE || code == BuiltinOps.DEQUANTIZE)
                        ? " (QUANTIZE/DEQUANTIZE are supported only as the float32 wrapper at the input and output)"
                        : "";
                throw new TfliteFormatException("unsupported operator " + f.opName(op) + " at operator index "
                        + op.index() + where + "; pqk supports CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,"
                        + " AVERAGE_POOL_2D, MAX_POOL_2D, ADD, SOFTMAX, RESHAPE");
            }
        }
    }

    private String irName(TfliteFile.Operator op, String prefix) {
        return prefix + "_" + op.index();
    }

    /** The IR tensor of an int8 activation tensor, created on first use. */
    private int activation(int id) {
        Integer ir = irTensor.get(id);
        if (ir != null) {
            return ir;
        }
        TfliteFile.Tensor t = f.tensors.get(id);
        int[] hwc = t.hwc();
        TensorSpec spec = new TensorSpec(tensors.size(), "t" + id, hwc[0], hwc[1], hwc[2], scale(t), zeroPoint(t));
        tensors.add(spec);
        irTensor.put(id, spec.id());
        return spec.id();
    }

    private TfliteFile.Tensor input(TfliteFile.Operator op, int k, String what) {
        if (k >= op.inputs().length || op.inputs()[k] < 0) {
            throw new TfliteFormatException(f.label(op) + " has no " + what + " (input " + k + ")");
        }
        return f.tensors.get(op.inputs()[k]);
    }

    private TfliteFile.Tensor output(TfliteFile.Operator op) {
        if (op.outputs().length != 1 || op.outputs()[0] < 0) {
            throw new TfliteFormatException(f.label(op) + " must have exactly one output");
        }
        return f.tensors.get(op.outputs()[0]);
    }

    private void requireInt8(TfliteFile.Operator op, TfliteFile.Tensor t, String role) {
        if (t.type() != TfliteFile.INT8) {
            String hint = t.type() == TfliteFile.FLOAT32 ? "; this is a float (or hybrid) model, pqk import needs"
                    + " a fully int8-quantized one" : "";
            throw new TfliteFormatException(f.label(op) + ": " + role + " tensor " + t.index() + " ('" + t.name()
                    + "') is " + typeName(t.type()) + ", not int8" + hint);
        }
        if (!t.quantized() || t.zeroPoint() == null || t.zeroPoint().length == 0) {
            throw new TfliteFormatException(f.label(op) + ": " + role + " tensor " + t.index() + " has no quantization");
        }
    }

    /** Input activation tensor: int8, per-tensor quantized, not constant. */
    private int activationInput(TfliteFile.Operator op, int k) {
        TfliteFile.Tensor t = input(op, k, "input");
        requireInt8(op, t, "input");
        if (!irTensor.containsKey(t.index())) {
            throw new TfliteFormatException(f.label(op) + " reads tensor " + t.index() + " ('" + t.name()
                    + "') that no earlier operator produces");
        }
        return irTensor.get(t.index());
    }

    private int activationOutput(TfliteFile.Operator op) {
        TfliteFile.Tensor t = output(op);
        requireInt8(op, t, "output");
        if (irTensor.containsKey(t.index())) {
            throw new TfliteFormatException(f.label(op) + " overwrites tensor " + t.index());
        }
        if (t.scale().length != 1) {
            throw new TfliteFormatException(f.label(op) + ": output tensor " + t.index() + " is quantized per channel");
        }
        return activation(t.index());
    }

    private static double scale(TfliteFile.Tensor t) {
        return t.scale()[0];
    }

    private static int zeroPoint(TfliteFile.Tensor t) {
        long zp = t.zeroPoint()[0];
        if (zp < -128 || zp > 127) {
            throw new TfliteFormatException("tensor " + t.index() + " ('" + t.name() + "') has zero point " + zp
                    + " outside int8");
        }
        return (int) zp;
    }

    private static String typeName(int type) {
        return switch (type) {
            case TfliteFile.FLOAT32 -> "float32";
            case 1 -> "float16";
            case TfliteFile.INT32 -> "int32";
            case TfliteFile.UINT8 -> "uint8";
            case TfliteFile.INT64 -> "int64";
            case TfliteFile.INT16 -> "int16";
            case TfliteFile.INT8 -> "int8";
            default -> "type " + type;
        };
    }

    /** The fused activation as an int8 clamp, as TFLM's CalculateActivationRangeQuantized computes it. */
    private int[] clamp(TfliteFile.Operator op, int act, TensorSpec out) {
        int[] r = fusedRange(act, out.scale(), out.zeroPoint());
        if (r == null) {
            throw new TfliteFormatException(f.label(op) + ": fused activation " + act
                    + " is not supported (NONE, RELU, RELU6, RELU_N1_TO_1 are)");
        }
        return r;
    }

    /** The int8 range of a fused activation for an output quantization, or null for an unsupported one. */
    static int[] fusedRange(int act, double scale, int zp) {
        float s = (float) scale;
        return switch (act) {
            case BuiltinOps.ACT_NONE -> new int[] {-128, 127};
            case BuiltinOps.ACT_RELU -> new int[] {Math.max(-128, zp + q(0f, s)), 127};
            case BuiltinOps.ACT_RELU6 -> new int[] {Math.max(-128, zp + q(0f, s)), Math.min(127, zp + q(6f, s))};
            case BuiltinOps.ACT_RELU_N1_TO_1 -> new int[] {Math.max(-128, zp + q(-1f, s)), Math.min(127, zp + q(1f, s))};
            default -> null;
        };
    }

    private static int q(float x, float s) {
        return (int) QuantMath.roundHalfAway(x / s);
    }

    private Padding padding(TfliteFile.Operator op, int mode, TensorSpec in, TensorSpec out, int kh, int kw, int sh,
                            int sw, int dh, int dw) {
        return TfliteFile.padding(f.label(op), mode, hwc(in), hwc(out), kh, kw, sh, sw, dh, dw);
    }

    private static int[] hwc(TensorSpec t) {
        return new int[] {t.height(), t.width(), t.channels()};
    }

    /** Weights, bias and per-channel requantization of a conv / depthwise / FC layer. */
    private QuantizedWeights weights(TfliteFile.Operator op, TensorSpec in, TensorSpec out, int channelDim,
                                     boolean floatProduct) {
        TfliteFile.Tensor w = input(op, 1, "weights");
        if (w.type() != TfliteFile.INT8) {
            throw new TfliteFormatException(f.label(op) + ": weights '" + w.name() + "' are " + typeName(w.type())
                    + ", not int8" + (w.type() == TfliteFile.FLOAT32 ? " (float model)" : ""));
        }
        if (w.sparse()) {
            throw new TfliteFormatException(f.label(op) + ": weights '" + w.name() + "' use TFLite sparsity encoding,"
                    + " which pqk does not read");
        }
        byte[] data = f.data(w);
        int n = w.elements();
        if (data == null || data.length != n) {
            throw new TfliteFormatException(f.label(op) + ": weights '" + w.name() + "' need " + n + " bytes, buffer has "
                    + (data == null ? 0 : data.length));
        }
        int[] shape = w.shape();
        int channels = shape[channelDim];
        if (!w.quantized() || (w.scale().length != 1 && w.scale().length != channels)) {
            throw new TfliteFormatException(f.label(op) + ": weights '" + w.name() + "' have "
                    + (w.scale() == null ? 0 : w.scale().length) + " scales for " + channels + " output channels");
        }
        if (w.scale().length > 1 && w.quantizedDimension() != channelDim) {
            throw new TfliteFormatException(f.label(op) + ": weights are quantized along dimension "
                    + w.quantizedDimension() + ", expected " + channelDim);
        }
        for (long zp : w.zeroPoint()) {
            if (zp != 0) {
                throw new TfliteFormatException(f.label(op) + ": weights '" + w.name() + "' have zero point " + zp
                        + "; int8 weights must be symmetric (zero point 0)");
            }
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] == Byte.MIN_VALUE) {
                throw new TfliteFormatException(f.label(op) + ": weight " + i + " of '" + w.name() + "' is -128;"
                        + " pqk needs symmetric int8 weights in [-127, 127] as the TFLite int8 spec requires");
            }
        }
        int[] bias = new int[channels];
        if (op.inputs().length > 2 && op.inputs()[2] >= 0) {
            TfliteFile.Tensor b = f.tensors.get(op.inputs()[2]);
            if (b.type() != TfliteFile.INT32) {
                throw new TfliteFormatException(f.label(op) + ": bias '" + b.name() + "' is " + typeName(b.type())
                        + ", not int32");
            }
            byte[] bd = f.data(b);
            if (b.elements() != channels || bd == null || bd.length != 4 * channels) {
                throw new TfliteFormatException(f.label(op) + ": bias '" + b.name() + "' must hold " + channels
                        + " int32 values");
            }
            ByteBuffer bb = ByteBuffer.wrap(bd).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < channels; c++) {
                bias[c] = bb.getInt();
            }
        }
        float sIn = (float) in.scale();
        float sOut = (float) out.scale();
        double[] ws = new double[channels];
        int[] mult = new int[channels];
        int[] shift = new int[channels];
        for (int c = 0; c < channels; c++) {
            float sw = w.scale()[w.scale().length == 1 ? 0 : c];
            ws[c] = sw;
            QuantMath.Multiplier m;
            try {
                m = multiplier(sIn, sw, sOut, floatProduct);
            } catch (IllegalArgumentException e) {
                throw new TfliteFormatException(f.label(op) + ": channel " + c + ": " + e.getMessage());
            }
            mult[c] = m.multiplier();
            shift[c] = m.shift();
        }
        boolean[] mask = new boolean[n];
        Arrays.fill(mask, true);
        return new QuantizedWeights(shape.clone(), data, mask, ws, bias, mult, shift);
    }

    /** The TFLM multiplier for one channel (see the class comment for the float32 product of FC layers). */
    private static QuantMath.Multiplier multiplier(double sIn, double sW, double sOut, boolean floatProduct) {
        float fi = (float) sIn;
        float fw = (float) sW;
        float fo = (float) sOut;
        double real = floatProduct ? (double) (fi * fw) / (double) fo : (double) fi * (double) fw / (double) fo;
        return QuantMath.quantizeMultiplier(real);
    }

    /**
     * A channel whose weights are all zero outputs the same value for every input:
     * clamp(requantize(bias) + zp). TFLite leaves such dead channels with biases near ±2^30 (their weight
     * scales are tiny), beyond the range the C kernels accept. They are re-expressed exactly: weight
     * scale s_out / s_in (multiplier about 1, as TFLM would compute it from the stored float scales) and
     * a bias of a few units that gives the very same output value. Every input gives the same bytes as
     * before, and an exported file keeps the property for TFLM.
     */
    private QuantizedWeights deadChannels(QuantizedWeights w, boolean depthwise, TensorSpec in, TensorSpec out, int[] act,
                                          boolean floatProduct) {
        int channels = w.outputChannels();
        int per = w.data().length / channels;
        double[] ws = w.weightScale().clone();
        int[] bias = w.bias().clone();
        int[] mult = w.multiplier().clone();
        int[] shift = w.shift().clone();
        int rewritten = 0;
        for (int c = 0; c < channels; c++) {
            boolean dead = true;
            for (int i = 0; i < per && dead; i++) {
                dead = w.data()[depthwise ? i * channels + c : c * per + i] == 0;
            }
            if (!dead || Math.abs((long) bias[c]) < DEAD_BIAS) {
                continue;
            }
            int y0 = QuantMath.requantize(bias[c], mult[c], shift[c], out.zeroPoint(), act[0], act[1]);
            double newScale = (float) ((float) out.scale() / (float) in.scale());
            QuantMath.Multiplier m = multiplier(in.scale(), newScale, out.scale(), floatProduct);
            for (int b = y0 - out.zeroPoint() - 3; b <= y0 - out.zeroPoint() + 3; b++) {
                if (QuantMath.requantize(b, m.multiplier(), m.shift(), out.zeroPoint(), act[0], act[1]) == y0) {
                    ws[c] = newScale;
                    bias[c] = b;
                    mult[c] = m.multiplier();
                    shift[c] = m.shift();
                    rewritten++;
                    break;
                }
            }
        }
        if (rewritten == 0) {
            return w;
        }
        deadChannels += rewritten;
        return new QuantizedWeights(w.shape(), w.data(), w.mask(), ws, bias, mult, shift);
    }

    private int deadChannels;

    /** Dead channels with smaller biases are left as they are (the kernels take them, and the file stays as given). */
    private static final long DEAD_BIAS = 1L << 28;

    private void conv(TfliteFile.Operator op, boolean depthwise) {
        int inId = activationInput(op, 0);
        TensorSpec in = tensors.get(inId);
        int outId = activationOutput(op);
        TensorSpec out = tensors.get(outId);
        int expected = depthwise ? BuiltinOps.OPT_DEPTHWISE_CONV_2D : BuiltinOps.OPT_CONV_2D;
        if (op.optionsType() != expected) {
            throw new TfliteFormatException(f.label(op) + " has options of type " + op.optionsType() + ", expected "
                    + expected);
        }
        TfliteFile.ConvOptions o = TfliteFile.ConvOptions.of(op.options(), depthwise);
        TfliteFile.Tensor wt = input(op, 1, "weights");
        if (wt.shape().length != 4) {
            throw new TfliteFormatException(f.label(op) + ": weights must be 4-D, got " + Arrays.toString(wt.shape()));
        }
        if (depthwise && (wt.shape()[0] != 1 || wt.shape()[3] != in.channels())) {
            throw new TfliteFormatException(f.label(op) + ": depth multiplier " + (wt.shape()[3] / Math.max(1, in.channels()))
                    + " is not supported (pqk's depthwise convolution has one output per input channel)");
        }
        o.checkPositive(f.label(op));
        int sh = o.strideH();
        int sw = o.strideW();
        int dh = o.dilationH();
        int dw = o.dilationW();
        int[] c = clamp(op, o.activation(), out);
        QuantizedWeights w = deadChannels(weights(op, in, out, depthwise ? 3 : 0, false), depthwise, in, out, c, false);
        Padding p = padding(op, o.padding(), in, out, wt.shape()[1], wt.shape()[2], sh, sw, dh, dw);
        ops.add(depthwise
                ? new DepthwiseConv2DOp(irName(op, "dw"), inId, outId, sh, sw, dh, dw, p, w, c[0], c[1])
                : new Conv2DOp(irName(op, "conv"), inId, outId, sh, sw, dh, dw, p, w, c[0], c[1]));
    }

    private void fullyConnected(TfliteFile.Operator op) {
        int inId = activationInput(op, 0);
        TensorSpec in = tensors.get(inId);
        int outId = activationOutput(op);
        TensorSpec out = tensors.get(outId);
        TfliteFile.Options o = op.options();
        // FullyConnectedOptions {0 activation, 1 weights_format, 2 keep_num_dims, 3 asymmetric_quantize_inputs}.
        if (o.i8(1, 0) != 0) {
            throw new TfliteFormatException(f.label(op) + ": weights format " + o.i8(1, 0) + " is not supported (DEFAULT only)");
        }
        TfliteFile.Tensor wt = input(op, 1, "weights");
        if (wt.shape().length != 2 || wt.shape()[1] != in.size()) {
            throw new TfliteFormatException(f.label(op) + ": weights " + Arrays.toString(wt.shape()) + " do not fit input of "
                    + in.size() + " values");
        }
        int[] c = clamp(op, o.i8(0, 0), out);
        QuantizedWeights w = deadChannels(weights(op, in, out, 0, true), false, in, out, c, true);
        ops.add(new FullyConnectedOp(irName(op, "fc"), inId, outId, w, c[0], c[1]));
    }

    private void pool(TfliteFile.Operator op, boolean max) {
        int inId = activationInput(op, 0);
        TensorSpec in = tensors.get(inId);
        int outId = activationOutput(op);
        TensorSpec out = tensors.get(outId);
        TfliteFile.PoolOptions o = TfliteFile.PoolOptions.of(f.label(op), op.options());
        int sh = o.strideH();
        int sw = o.strideW();
        int fh = o.filterH();
        int fw = o.filterW();
        if (in.scale() != out.scale() || in.zeroPoint() != out.zeroPoint()) {
            throw new TfliteFormatException(f.label(op) + ": input and output quantization differ, which int8 pooling"
                    + " does not allow");
        }
        Padding p = padding(op, o.padding(), in, out, fh, fw, sh, sw, 1, 1);
        int[] c = clamp(op, o.activation(), out);
        ops.add(max
                ? new MaxPool2DOp(irName(op, "maxpool"), inId, outId, fh, fw, sh, sw, p, c[0], c[1])
                : new AveragePool2DOp(irName(op, "avgpool"), inId, outId, fh, fw, sh, sw, p, c[0], c[1]));
    }

    private void add(TfliteFile.Operator op) {
        int a = activationInput(op, 0);
        int b = activationInput(op, 1);
        int outId = activationOutput(op);
        TensorSpec sa = tensors.get(a);
        TensorSpec sb = tensors.get(b);
        TensorSpec out = tensors.get(outId);
        if (sa.size() != sb.size() || sa.size() != out.size()) {
            throw new TfliteFormatException(f.label(op) + ": inputs " + sa.shapeString() + " and " + sb.shapeString()
                    + " must have the output's shape " + out.shapeString() + " (no broadcasting)");
        }
        // AddOptions {0 activation}.
        int[] c = clamp(op, op.options().i8(0, 0), out);
        ops.add(AddOp.of(irName(op, "add"), a, b, outId, sa.scale(), sb.scale(), out.scale(), c[0], c[1]));
    }

    private void softmax(TfliteFile.Operator op) {
        int inId = activationInput(op, 0);
        TensorSpec in = tensors.get(inId);
        int outId = activationOutput(op);
        // SoftmaxOptions {0 beta}.
        float beta = op.options().f32(0, 0f);
        try {
            ops.add(SoftmaxOp.of(irName(op, "softmax"), inId, outId, beta, in.scale()));
        } catch (IllegalArgumentException e) {
            throw new TfliteFormatException(f.label(op) + ": " + e.getMessage());
        }
    }

    /**
     * A RESHAPE keeps the bytes; the IR has no reshape, so its output is an alias of its input. That is
     * exact as long as every consumer reads the tensor as a flat vector (FULLY_CONNECTED, or the graph
     * output) or sees the same height × width × channels.
     */
    private void reshape(TfliteFile.Operator op) {
        TfliteFile.Tensor src = input(op, 0, "input");
        requireInt8(op, src, "input");
        TfliteFile.Tensor dst = output(op);
        requireInt8(op, dst, "output");
        Integer inId = irTensor.get(src.index());
        if (inId == null) {
            throw new TfliteFormatException(f.label(op) + " reads tensor " + src.index() + " that no earlier operator produces");
        }
        TensorSpec in = tensors.get(inId);
        if (src.elements() != dst.elements() || scale(src) != scale(dst) || zeroPoint(src) != zeroPoint(dst)) {
            throw new TfliteFormatException(f.label(op) + ": reshape changes the element count or the quantization");
        }
        for (TfliteFile.Operator consumer : f.operators) {
            for (int k = 0; k < consumer.inputs().length; k++) {
                if (consumer.inputs()[k] != dst.index()) {
                    continue;
                }
                int[] s = dst.shape();
                int last = s.length == 0 ? 1 : s[s.length - 1];
                boolean flat = f.builtin(consumer) == BuiltinOps.FULLY_CONNECTED && k == 0;
                boolean sameLast = f.builtin(consumer) == BuiltinOps.SOFTMAX && last == in.channels();
                boolean sameShape = s.length == 4 && s[1] == in.height() && s[2] == in.width() && s[3] == in.channels();
                if (!flat && !sameLast && !sameShape) {
                    throw new TfliteFormatException(f.label(op) + ": reshape to " + Arrays.toString(s) + " feeds "
                            + f.label(consumer) + ", which would see a different layout; pqk supports RESHAPE only"
                            + " before FULLY_CONNECTED or when the layout is unchanged");
                }
            }
        }
        irTensor.put(dst.index(), inId);
    }
}
