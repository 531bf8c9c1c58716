package io.pqkmcu.model.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.ModelFormatException;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.Padding;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.Version;
import io.pqkmcu.model.util.AtomicFiles;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an int8 model as a .tflite flatbuffer (schema version 3) that TFLite and TFLite Micro load:
 * every layer with its int8 weights stored dense (pruned weights are zeros), int32 biases at scale
 * s_in · s_w[c], per-channel weight scales (one scale when all channels share it), SAME/VALID padding
 * and fused activations recovered from the IR's explicit padding and clamp. The requantization
 * multipliers are not stored — TFLite recomputes them from the float32 scales, exactly as
 * {@link TfliteImporter} does, so importing the file gives the model back. A pqk model whose scales
 * are not float32 values gets multipliers recomputed from the rounded scales. Layers TFLite cannot
 * express (an arbitrary clamp, a padding that is neither SAME nor VALID) are refused with the reason.
 */
public final class TfliteExporter {
    private final Int8Model m;
    private final FlatBufferBuilder b = new FlatBufferBuilder(1 << 16);
    private final List<Integer> tensors = new ArrayList<>();
    private final List<Integer> buffers = new ArrayList<>();
    private final List<Integer> operators = new ArrayList<>();
    private final List<Integer> codes = new ArrayList<>();

    private TfliteExporter(Int8Model m) {
        this.m = m;
    }

    public static void write(Int8Model m, Path path) {
        AtomicFiles.write(path, toBytes(m));
    }

    public static byte[] toBytes(Int8Model m) {
        return new TfliteExporter(m).build();
    }

    private byte[] build() {
        buffers.add(table(0)); // buffer 0: the empty sentinel of every non-constant tensor
        for (TensorSpec t : m.tensors()) {
            tensors.add(tensor("t" + t.id(), shape(t), TfliteFile.INT8, 0, new float[] {(float) t.scale()},
                    new long[] {t.zeroPoint()}, 0));
        }
        int graphIn = m.inputId();
        int graphOut = m.outputId();
        FloatWrapper fin = FloatWrapper.of(m, TfliteImporter.META_FLOAT_INPUT);
        if (fin != null) {
            int f = tensors.size();
            tensors.add(tensor("input_float", shape(m.input()), TfliteFile.FLOAT32, 0, null, null, 0));
            operators.add(operator(BuiltinOps.QUANTIZE, 1, new int[] {f}, new int[] {m.inputId()}, 0, 0));
            graphIn = f;
        }
        for (int i = 0; i < m.ops().size(); i++) {
            operators.add(op(m.ops().get(i), "layer" + i));
        }
        FloatWrapper fout = FloatWrapper.of(m, TfliteImporter.META_FLOAT_OUTPUT);
        if (fout != null) {
            int f = tensors.size();
            tensors.add(tensor("output_float", shape(m.output()), TfliteFile.FLOAT32, 0, null, null, 0));
            operators.add(operator(BuiltinOps.DEQUANTIZE, 2, new int[] {m.outputId()}, new int[] {f}, 0, 0));
            graphOut = f;
        }
        int tv = vectorOfTables(tensors);
        int ov = vectorOfTables(operators);
        int sgIn = ints(graphIn);
        int sgOut = ints(graphOut);
        int sgName = b.createString("main");
        b.startTable(5);
        b.addOffset(0, tv, 0);
        b.addOffset(1, sgIn, 0);
        b.addOffset(2, sgOut, 0);
        b.addOffset(3, ov, 0);
        b.addOffset(4, sgName, 0);
        int sg = b.endTable();
        int sgv = b.createVectorOfTables(new int[] {sg});
        int[] codeTables = new int[codes.size() / 2];
        for (int i = 0; i < codeTables.length; i++) {
            int code = codes.get(2 * i);
            b.startTable(4);
            b.addByte(0, (byte) Math.min(code, 127), 0);
            b.addInt(2, codes.get(2 * i + 1), 1);
            b.addInt(3, code, 0);
            codeTables[i] = b.endTable();
        }
        int cv = b.createVectorOfTables(codeTables);
        int bv = vectorOfTables(buffers);
        int desc = b.createString("exported by " + Version.GENERATOR + " from model '" + m.name() + "'");
        b.startTable(5);
        b.addInt(0, 3, 0);
        b.addOffset(1, cv, 0);
        b.addOffset(2, sgv, 0);
        b.addOffset(3, desc, 0);
        b.addOffset(4, bv, 0);
        int model = b.endTable();
        b.finish(model, TfliteFile.IDENTIFIER);
        return b.sizedByteArray();
    }

    private int table(int fields) {
        b.startTable(fields);
        return b.endTable();
    }

    private int vectorOfTables(List<Integer> offsets) {
        return b.createVectorOfTables(offsets.stream().mapToInt(Integer::intValue).toArray());
    }

    private int ints(int... v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) {
            b.addInt(v[i]);
        }
        return b.endVector();
    }

    /** TFLite shapes: [1, N] for a flat vector that only FULLY_CONNECTED / SOFTMAX use, else [1, H, W, C]. */
    private int[] shape(TensorSpec t) {
        boolean flat = t.height() == 1 && t.width() == 1;
        for (Op op : m.ops()) {
            boolean consumer = op.inputs().contains(t.id());
            boolean producer = op.output() == t.id();
            boolean vectorOp = op instanceof FullyConnectedOp || op instanceof SoftmaxOp;
            if ((consumer || producer) && !vectorOp) {
                flat = false;
            }
            if (producer && op instanceof SoftmaxOp && !flatInput(op)) {
                flat = false;
            }
        }
        return flat ? new int[] {1, t.channels()} : new int[] {1, t.height(), t.width(), t.channels()};
    }

    private boolean flatInput(Op softmax) {
        return shape(m.tensor(softmax.inputs().get(0))).length == 2;
    }

    /** A constant buffer, 16-byte aligned (TFLM reads int32 biases in place). */
    private int buffer(byte[] data) {
        ByteBuffer dst = b.createUnintializedVector(1, data.length, 16);
        dst.put(data);
        int v = b.endVector();
        b.startTable(3);
        b.addOffset(0, v, 0);
        int buf = b.endTable();
        buffers.add(buf);
        return buffers.size() - 1;
    }

    private int tensor(String name, int[] shape, int type, int buffer, float[] scale, long[] zp, int qdim) {
        int q = 0;
        if (scale != null) {
            b.startVector(4, scale.length, 4);
            for (int i = scale.length - 1; i >= 0; i--) {
                b.addFloat(scale[i]);
            }
            int sv = b.endVector();
            b.startVector(8, zp.length, 8);
            for (int i = zp.length - 1; i >= 0; i--) {
                b.addLong(zp[i]);
            }
            int zv = b.endVector();
            b.startTable(7);
            b.addOffset(2, sv, 0);
            b.addOffset(3, zv, 0);
            b.addInt(6, qdim, 0);
            q = b.endTable();
        }
        int sh = ints(shape);
        int n = b.createString(name);
        b.startTable(5);
        b.addOffset(0, sh, 0);
        b.addByte(1, (byte) type, 0);
        b.addInt(2, buffer, 0);
        b.addOffset(3, n, 0);
        if (q != 0) {
            b.addOffset(4, q, 0);
        }
        return b.endTable();
    }

    private int opcode(int builtin, int version) {
        for (int i = 0; i < codes.size(); i += 2) {
            if (codes.get(i) == builtin) {
                return i / 2;
            }
        }
        codes.add(builtin);
        codes.add(version);
        return codes.size() / 2 - 1;
    }

    private int operator(int builtin, int version, int[] in, int[] out, int optionsType, int options) {
        int idx = opcode(builtin, version);
        int iv = ints(in);
        int ov = ints(out);
        b.startTable(5);
        b.addInt(0, idx, 0);
        b.addOffset(1, iv, 0);
        b.addOffset(2, ov, 0);
        if (optionsType != 0) {
            b.addByte(3, (byte) optionsType, 0);
            b.addOffset(4, options, 0);
        }
        return b.endTable();
    }

    /** Weights and bias tensors of a layer; returns their tensor indices. */
    private int[] constants(Op op, String label, QuantizedWeights w, int qdim, boolean perTensorIfUniform) {
        TensorSpec in = m.tensor(op.inputs().get(0));
        int channels = w.outputChannels();
        boolean uniform = perTensorIfUniform;
        for (int c = 1; c < channels && uniform; c++) {
            uniform = (float) w.weightScale()[c] == (float) w.weightScale()[0];
        }
        float[] ws = new float[uniform ? 1 : channels];
        for (int c = 0; c < ws.length; c++) {
            ws[c] = (float) w.weightScale()[c];
        }
        int wt = tensors.size();
        tensors.add(tensor(label + "/weights", w.shape().clone(), TfliteFile.INT8, buffer(w.data()), ws,
                new long[ws.length], uniform ? 0 : qdim));
        float[] bs = new float[channels];
        ByteBuffer bias = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < channels; c++) {
            bs[c] = (float) in.scale() * (float) w.weightScale()[c];
            bias.putInt(w.bias()[c]);
        }
        int bt = tensors.size();
        tensors.add(tensor(label + "/bias", new int[] {channels}, TfliteFile.INT32, buffer(bias.array()), bs,
                new long[channels], 0));
        return new int[] {wt, bt};
    }

    private int act(Op op, int min, int max) {
        TensorSpec out = m.tensor(op.output());
        for (int a : new int[] {BuiltinOps.ACT_NONE, BuiltinOps.ACT_RELU, BuiltinOps.ACT_RELU6, BuiltinOps.ACT_RELU_N1_TO_1}) {
            int[] r = TfliteImporter.fusedRange(a, out.scale(), out.zeroPoint());
            if (r[0] == min && r[1] == max) {
                return a;
            }
        }
        throw new ModelFormatException("layer '" + op.name() + "' clamps to [" + min + ", " + max + "], which no TFLite"
                + " fused activation (NONE, RELU, RELU6, RELU_N1_TO_1) gives at its output quantization");
    }

    private int padding(Op op, Padding p, int kh, int kw, int sh, int sw, int dh, int dw) {
        TensorSpec in = m.tensor(op.inputs().get(0));
        TensorSpec out = m.tensor(op.output());
        int[] vy = Padding.valid(in.height(), kh, sh, dh);
        int[] vx = Padding.valid(in.width(), kw, sw, dw);
        if (p.top() == 0 && p.left() == 0 && vy[0] == out.height() && vx[0] == out.width()) {
            return BuiltinOps.PADDING_VALID;
        }
        int[] sy = Padding.same(in.height(), kh, sh, dh);
        int[] sx = Padding.same(in.width(), kw, sw, dw);
        if (sy[0] == out.height() && sx[0] == out.width() && sy[1] == p.top() && sx[1] == p.left()) {
            return BuiltinOps.PADDING_SAME;
        }
        throw new ModelFormatException("layer '" + op.name() + "' pads " + p.top() + " rows and " + p.left()
                + " columns before its input, which is neither TFLite's SAME nor VALID padding");
    }

    private int op(Op op, String label) {
        int in = op.inputs().get(0);
        int out = op.output();
        if (op instanceof Conv2DOp c) {
            int pad = padding(op, c.padding(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.dilationH(),
                    c.dilationW());
            int a = act(op, c.actMin(), c.actMax());
            int[] k = constants(op, label, c.weights(), 0, false);
            b.startTable(6);
            b.addByte(0, (byte) pad, 0);
            b.addInt(1, c.strideW(), 0);
            b.addInt(2, c.strideH(), 0);
            b.addByte(3, (byte) a, 0);
            b.addInt(4, c.dilationW(), 1);
            b.addInt(5, c.dilationH(), 1);
            return operator(BuiltinOps.CONV_2D, 3, new int[] {in, k[0], k[1]}, new int[] {out},
                    BuiltinOps.OPT_CONV_2D, b.endTable());
        }
        if (op instanceof DepthwiseConv2DOp d) {
            int pad = padding(op, d.padding(), d.kernelH(), d.kernelW(), d.strideH(), d.strideW(), d.dilationH(),
                    d.dilationW());
            int a = act(op, d.actMin(), d.actMax());
            int[] k = constants(op, label, d.weights(), 3, false);
            b.startTable(7);
            b.addByte(0, (byte) pad, 0);
            b.addInt(1, d.strideW(), 0);
            b.addInt(2, d.strideH(), 0);
            b.addInt(3, 1, 0);
            b.addByte(4, (byte) a, 0);
            b.addInt(5, d.dilationW(), 1);
            b.addInt(6, d.dilationH(), 1);
            return operator(BuiltinOps.DEPTHWISE_CONV_2D, 3, new int[] {in, k[0], k[1]}, new int[] {out},
                    BuiltinOps.OPT_DEPTHWISE_CONV_2D, b.endTable());
        }
        if (op instanceof FullyConnectedOp f) {
            int a = act(op, f.actMin(), f.actMax());
            int[] k = constants(op, label, f.weights(), 0, true);
            b.startTable(4);
            b.addByte(0, (byte) a, 0);
            return operator(BuiltinOps.FULLY_CONNECTED, 4, new int[] {in, k[0], k[1]}, new int[] {out},
                    BuiltinOps.OPT_FULLY_CONNECTED, b.endTable());
        }
        if (op instanceof AveragePool2DOp p) {
            return pool(op, BuiltinOps.AVERAGE_POOL_2D, p.padding(), p.filterH(), p.filterW(), p.strideH(), p.strideW(),
                    p.actMin(), p.actMax());
        }
        if (op instanceof MaxPool2DOp p) {
            return pool(op, BuiltinOps.MAX_POOL_2D, p.padding(), p.filterH(), p.filterW(), p.strideH(), p.strideW(),
                    p.actMin(), p.actMax());
        }
        if (op instanceof AddOp a) {
            int act = act(op, a.actMin(), a.actMax());
            b.startTable(2);
            b.addByte(0, (byte) act, 0);
            return operator(BuiltinOps.ADD, 2, new int[] {a.input1(), a.input2()}, new int[] {out}, BuiltinOps.OPT_ADD,
                    b.endTable());
        }
        if (op instanceof SoftmaxOp s) {
            SoftmaxOp unit = SoftmaxOp.of(s.name(), s.input(), s.output(), 1.0, m.tensor(in).scale());
            if (!unit.equals(s)) {
                throw new ModelFormatException("layer '" + op.name() + "' is a softmax with a temperature other than 1,"
                        + " which pqk cannot express as a TFLite beta");
            }
            b.startTable(1);
            b.addFloat(0, 1.0f, 0);
            return operator(BuiltinOps.SOFTMAX, 2, new int[] {in}, new int[] {out}, BuiltinOps.OPT_SOFTMAX, b.endTable());
        }
        throw new ModelFormatException("layer '" + op.name() + "' (" + op.kind() + ") has no TFLite export");
    }

    private int pool(Op op, int code, Padding p, int fh, int fw, int sh, int sw, int min, int max) {
        int pad = padding(op, p, fh, fw, sh, sw, 1, 1);
        int a = act(op, min, max);
        b.startTable(6);
        b.addByte(0, (byte) pad, 0);
        b.addInt(1, sw, 0);
        b.addInt(2, sh, 0);
        b.addInt(3, fw, 0);
        b.addInt(4, fh, 0);
        b.addByte(5, (byte) a, 0);
        return operator(code, 2, new int[] {op.inputs().get(0)}, new int[] {op.output()}, BuiltinOps.OPT_POOL_2D,
                b.endTable());
    }
}
