package io.pqkmcu.model.tflite;

import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.Padding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A .tflite model read as real-valued layers, to start training from: float, hybrid (int8 weights,
 * float activations) and fully int8 models alike. Weights are dequantized, {@code (q − zp) · scale} per
 * channel, where the file stores them quantized; biases likewise. BatchNorm is already folded into the
 * weights and biases, as the TFLite converter stores it. RESHAPE, QUANTIZE and DEQUANTIZE are views
 * (their output is their input's values), a SOFTMAX at the end is dropped (the trainer's network ends in
 * logits); everything else must be one of the operators listed in {@link Kind}.
 */
public final class TfliteFloatGraph {
    /** The operators the trainer has a layer for. */
    public enum Kind { CONV, DEPTHWISE, DENSE, AVG_POOL, MAX_POOL, ADD }

    /** Index in {@link #layers()} that stands for the graph input. */
    public static final int INPUT = -1;

    /**
     * One operator with real-valued parameters. Shapes are [H, W, C] (a vector is 1 × 1 × N).
     *
     * @param inputs     producing layer of each input (index into {@link #layers()}, or {@link #INPUT})
     * @param weights    CONV [out][kh][kw][in], DEPTHWISE [kh][kw][C], DENSE [out][in]; null for pools and ADD
     * @param bias       per output channel (zeros when the file has none); null for pools and ADD
     * @param activation fused activation, as {@link BuiltinOps} ACT_* codes
     * @param outRange   the real range [lo, hi] of the int8 output tensor of a quantized model, null for a
     *                   float output (a float or hybrid model)
     */
    public record Layer(int opIndex, Kind kind, int[] inputs, int[] inShape, int[] outShape, int kh, int kw, int strideH,
                        int strideW, int dilationH, int dilationW, int padTop, int padLeft, int activation,
                        float[] weights, float[] bias, float[] outRange) {
        /** "operator 3 (DEPTHWISE_CONV_2D)" — how messages name it. */
        public String label() {
            String op = switch (kind) {
                case CONV -> "CONV_2D";
                case DEPTHWISE -> "DEPTHWISE_CONV_2D";
                case DENSE -> "FULLY_CONNECTED";
                case AVG_POOL -> "AVERAGE_POOL_2D";
                case MAX_POOL -> "MAX_POOL_2D";
                case ADD -> "ADD";
            };
            return "operator " + opIndex + " (" + op + ")";
        }
    }

    private final TfliteFile f;
    private final List<Layer> layers = new ArrayList<>();
    /** tflite tensor index → producing layer (or INPUT); views map to their source's producer. */
    private final Map<Integer, Integer> producer = new HashMap<>();
    private int[] inputShape;
    private int output = INPUT;

    private TfliteFloatGraph(TfliteFile f) {
        this.f = f;
    }

    /** Reads a .tflite file; every defect is a {@link ModelFormatException} naming the file and the operator. */
    public static TfliteFloatGraph read(Path path) {
        return ModelFile.decode(path, TfliteFloatGraph::fromBytes);
    }

    public static TfliteFloatGraph fromBytes(byte[] bytes) {
        TfliteFloatGraph g = new TfliteFloatGraph(TfliteFile.parse(bytes));
        g.map();
        return g;
    }

    /** The layers in execution order. */
    public List<Layer> layers() {
        return layers;
    }

    /** [H, W, C] of the graph input. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The layer whose output is the graph output (before a final SOFTMAX). */
    public int output() {
        return output;
    }

    private void map() {
        f.requireOneInputOneOutput();
        inputShape = f.tensors.get(f.inputs[0]).hwc();
        producer.put(f.inputs[0], INPUT);
        List<TfliteFile.Operator> ops = f.operators;
        for (int i = 0; i < ops.size(); i++) {
            TfliteFile.Operator op = ops.get(i);
            int code = f.builtin(op);
            switch (code) {
                case BuiltinOps.CONV_2D -> conv(op, false);
                case BuiltinOps.DEPTHWISE_CONV_2D -> conv(op, true);
                case BuiltinOps.FULLY_CONNECTED -> dense(op);
                case BuiltinOps.AVERAGE_POOL_2D, BuiltinOps.MAX_POOL_2D -> pool(op, code == BuiltinOps.MAX_POOL_2D);
                case BuiltinOps.ADD -> add(op);
                case BuiltinOps.RESHAPE, BuiltinOps.QUANTIZE, BuiltinOps.DEQUANTIZE -> view(op);
                case BuiltinOps.SOFTMAX -> {
                    if (i != ops.size() - 1) {
                        throw new TfliteFormatException(f.label(op) + ": a SOFTMAX inside the graph has no trainer layer"
                                + " (only a final one, which training replaces by its loss)");
                    }
                    view(op);
                }
                default -> throw new TfliteFormatException("unsupported operator " + f.opName(op) + " at operator index "
                        + op.index() + "; pqk train --init supports CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,"
                        + " AVERAGE_POOL_2D, MAX_POOL_2D, ADD, RESHAPE, a final SOFTMAX and QUANTIZE/DEQUANTIZE");
            }
        }
        Integer out = producer.get(f.outputs[0]);
        if (out == null || out == INPUT) {
            throw new TfliteFormatException("no operator produces the output tensor " + f.outputs[0]);
        }
        output = out;
    }

    private TfliteFile.Tensor tensor(TfliteFile.Operator op, int k, String what) {
        if (k >= op.inputs().length || op.inputs()[k] < 0 || op.inputs()[k] >= f.tensors.size()) {
            throw new TfliteFormatException(f.label(op) + " has no " + what + " (input " + k + ")");
        }
        return f.tensors.get(op.inputs()[k]);
    }

    /** The producing layer of an activation input. */
    private int source(TfliteFile.Operator op, int k) {
        TfliteFile.Tensor t = tensor(op, k, "input");
        Integer p = producer.get(t.index());
        if (p == null) {
            throw new TfliteFormatException(f.label(op) + " reads tensor " + t.index() + " ('" + t.name()
                    + "') that no earlier operator produces" + (f.data(t) != null
                    ? " (it is a constant: pqk reads constant weights only as a layer's own weights)" : ""));
        }
        return p;
    }

    private TfliteFile.Tensor outputTensor(TfliteFile.Operator op) {
        if (op.outputs().length != 1 || op.outputs()[0] < 0 || op.outputs()[0] >= f.tensors.size()) {
            throw new TfliteFormatException(f.label(op) + " must have exactly one output");
        }
        return f.tensors.get(op.outputs()[0]);
    }

    private void view(TfliteFile.Operator op) {
        int src = source(op, 0);
        producer.put(outputTensor(op).index(), src);
    }

    private void append(Layer l, TfliteFile.Operator op) {
        producer.put(outputTensor(op).index(), layers.size());
        layers.add(l);
    }

    private int[] shapeOf(TfliteFile.Operator op, int k) {
        return tensor(op, k, "input").hwc();
    }

    private void conv(TfliteFile.Operator op, boolean depthwise) {
        int src = source(op, 0);
        int[] in = shapeOf(op, 0);
        int[] out = outputTensor(op).hwc();
        TfliteFile.ConvOptions o = TfliteFile.ConvOptions.of(op.options(), depthwise);
        TfliteFile.Tensor wt = tensor(op, 1, "weights");
        int[] ws = wt.shape();
        if (ws.length != 4) {
            throw new TfliteFormatException(f.label(op) + ": weights must be 4-D, got " + Arrays.toString(ws));
        }
        if (depthwise ? ws[0] != 1 || ws[3] != in[2] || out[2] != in[2] : ws[3] != in[2] || ws[0] != out[2]) {
            throw new TfliteFormatException(f.label(op) + ": weights " + Arrays.toString(ws) + " do not fit input "
                    + shape(in) + " and output " + shape(out) + (depthwise ? " (depth multiplier 1 only)" : ""));
        }
        o.checkPositive(f.label(op));
        Padding p = TfliteFile.padding(f.label(op), o.padding(), in, out, ws[1], ws[2], o.strideH(), o.strideW(),
                o.dilationH(), o.dilationW());
        int outC = out[2];
        float[] w = values(op, wt, depthwise ? 3 : 0, "weights");
        append(new Layer(op.index(), depthwise ? Kind.DEPTHWISE : Kind.CONV, new int[] {src}, in, out, ws[1], ws[2],
                o.strideH(), o.strideW(), o.dilationH(), o.dilationW(), p.top(), p.left(), activation(op, o.activation()), w,
                bias(op, outC), outRange(op)), op);
    }

    private void dense(TfliteFile.Operator op) {
        int src = source(op, 0);
        int[] in = shapeOf(op, 0);
        int[] out = outputTensor(op).hwc();
        TfliteFile.Options o = op.options();
        // FullyConnectedOptions {0 activation, 1 weights_format, 2 keep_num_dims}.
        if (o.i8(1, 0) != 0) {
            throw new TfliteFormatException(f.label(op) + ": weights format " + o.i8(1, 0) + " is not supported (DEFAULT only)");
        }
        TfliteFile.Tensor wt = tensor(op, 1, "weights");
        int inSize = in[0] * in[1] * in[2];
        if (wt.shape().length != 2 || wt.shape()[1] != inSize || wt.shape()[0] != out[2]) {
            throw new TfliteFormatException(f.label(op) + ": weights " + Arrays.toString(wt.shape()) + " do not fit input of "
                    + inSize + " values and output of " + out[2]);
        }
        float[] w = values(op, wt, 0, "weights");
        append(new Layer(op.index(), Kind.DENSE, new int[] {src}, in, out, 1, 1, 1, 1, 1, 1, 0, 0, activation(op, o.i8(0, 0)),
                w, bias(op, out[2]), outRange(op)), op);
    }

    private void pool(TfliteFile.Operator op, boolean max) {
        int src = source(op, 0);
        int[] in = shapeOf(op, 0);
        int[] out = outputTensor(op).hwc();
        TfliteFile.PoolOptions o = TfliteFile.PoolOptions.of(f.label(op), op.options());
        Padding p = TfliteFile.padding(f.label(op), o.padding(), in, out, o.filterH(), o.filterW(), o.strideH(),
                o.strideW(), 1, 1);
        append(new Layer(op.index(), max ? Kind.MAX_POOL : Kind.AVG_POOL, new int[] {src}, in, out, o.filterH(),
                o.filterW(), o.strideH(), o.strideW(), 1, 1, p.top(), p.left(), activation(op, o.activation()), null, null,
                outRange(op)), op);
    }

    private void add(TfliteFile.Operator op) {
        int a = source(op, 0);
        int b = source(op, 1);
        int[] sa = shapeOf(op, 0);
        int[] sb = shapeOf(op, 1);
        int[] out = outputTensor(op).hwc();
        if (!Arrays.equals(sa, sb) || !Arrays.equals(sa, out)) {
            throw new TfliteFormatException(f.label(op) + ": inputs " + shape(sa) + " and " + shape(sb)
                    + " must have the output's shape " + shape(out) + " (no broadcasting)");
        }
        // AddOptions {0 activation}.
        append(new Layer(op.index(), Kind.ADD, new int[] {a, b}, sa, out, 1, 1, 1, 1, 1, 1, 0, 0,
                activation(op, op.options().i8(0, 0)), null, null, outRange(op)), op);
    }

    /** The real range an int8 output tensor can represent, s·(−128 − zp) .. s·(127 − zp); null if not int8. */
    private float[] outRange(TfliteFile.Operator op) {
        TfliteFile.Tensor t = outputTensor(op);
        if (t.type() != TfliteFile.INT8 || !t.quantized() || t.zeroPoint() == null || t.zeroPoint().length == 0) {
            return null;
        }
        double sc = t.scale()[0];
        long zp = t.zeroPoint()[0];
        return new float[] {(float) (sc * (-128 - zp)), (float) (sc * (127 - zp))};
    }

    private int activation(TfliteFile.Operator op, int act) {
        if (act != BuiltinOps.ACT_NONE && act != BuiltinOps.ACT_RELU && act != BuiltinOps.ACT_RELU6) {
            throw new TfliteFormatException(f.label(op) + ": fused activation " + act
                    + " has no trainer equivalent (NONE, RELU and RELU6 do)");
        }
        return act;
    }

    private float[] bias(TfliteFile.Operator op, int channels) {
        if (op.inputs().length <= 2 || op.inputs()[2] < 0) {
            return new float[channels];
        }
        TfliteFile.Tensor b = tensor(op, 2, "bias");
        if (b.elements() != channels) {
            throw new TfliteFormatException(f.label(op) + ": bias '" + b.name() + "' has " + b.elements() + " values for "
                    + channels + " output channels");
        }
        return values(op, b, 0, "bias");
    }

    /**
     * The real values of a constant tensor: float32 as stored; int8 and int32 dequantized per tensor or
     * along {@code channelDim}.
     */
    private float[] values(TfliteFile.Operator op, TfliteFile.Tensor t, int channelDim, String role) {
        byte[] data = f.data(t);
        int n = t.elements();
        String what = f.label(op) + ": " + role + " '" + t.name() + "'";
        if (data == null) {
            throw new TfliteFormatException(what + " are not constant (no buffer); pqk reads constant weights only");
        }
        if (t.sparse()) {
            throw new TfliteFormatException(what + " use TFLite sparsity encoding, which pqk does not read");
        }
        int width = switch (t.type()) {
            case TfliteFile.FLOAT32, TfliteFile.INT32 -> 4;
            case TfliteFile.INT8 -> 1;
            default -> throw new TfliteFormatException(what + " have element type " + t.type()
                    + "; pqk reads float32, int8 and int32 (bias) constants");
        };
        if (data.length != (long) n * width) {
            throw new TfliteFormatException(what + " need " + (long) n * width + " bytes, buffer has " + data.length);
        }
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[n];
        if (t.type() == TfliteFile.FLOAT32) {
            for (int i = 0; i < n; i++) {
                v[i] = bb.getFloat();
            }
            return v;
        }
        if (!t.quantized() || t.zeroPoint() == null || t.zeroPoint().length != t.scale().length) {
            throw new TfliteFormatException(what + " are " + (width == 1 ? "int8" : "int32") + " without quantization"
                    + " parameters");
        }
        int[] shape = t.shape();
        int scales = t.scale().length;
        int dim = scales == 1 ? channelDim : t.quantizedDimension();
        if (scales > 1 && (dim < 0 || dim >= shape.length || shape[dim] != scales)) {
            throw new TfliteFormatException(what + " have " + scales + " scales along dimension " + dim + " of shape "
                    + Arrays.toString(shape));
        }
        int inner = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        for (int i = 0; i < n; i++) {
            int c = scales == 1 ? 0 : (i / inner) % scales;
            long q = width == 1 ? bb.get() : bb.getInt();
            v[i] = (float) ((q - t.zeroPoint()[c]) * (double) t.scale()[c]);
        }
        return v;
    }

    private static String shape(int[] s) {
        return s[0] + "x" + s[1] + "x" + s[2];
    }
}
