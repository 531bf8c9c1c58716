package io.pqkmcu.model.tflite;

import io.pqkmcu.model.Padding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a .tflite flatbuffer that the int8 IR needs, read with our own accessors from the
 * public TensorFlow Lite schema (schema version 3, file identifier "TFL3"). Field numbers are the
 * schema's: Model{0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers},
 * SubGraph{0 tensors, 1 inputs, 2 outputs, 3 operators, 4 name},
 * Tensor{0 shape, 1 type, 2 buffer, 3 name, 4 quantization, 6 sparsity},
 * QuantizationParameters{2 scale, 3 zero_point, 4/5 details union, 6 quantized_dimension},
 * Buffer{0 data, 1 offset, 2 size}, OperatorCode{0 deprecated_builtin_code, 1 custom_code, 2 version,
 * 3 builtin_code}, Operator{0 opcode_index, 1 inputs, 2 outputs, 3/4 builtin_options union}.
 */
public final class TfliteFile {
    public static final String IDENTIFIER = "TFL3";

    /** Tensor element types (schema enum TensorType). */
    public static final int FLOAT32 = 0;
    public static final int INT32 = 2;
    public static final int UINT8 = 3;
    public static final int INT64 = 4;
    public static final int INT16 = 7;
    public static final int INT8 = 9;

    public record OpCode(int builtin, String custom, int version) {}

    public record Tensor(int index, String name, int[] shape, int type, long buffer, float[] scale, long[] zeroPoint,
                         int quantizedDimension, boolean sparse) {
        public int elements() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        public boolean quantized() {
            return scale != null && scale.length > 0;
        }

        /** [H, W, C] of a batch-1 activation tensor of rank 1 to 4. */
        public int[] hwc() {
            int[] s = shape;
            if (s.length == 4 && s[0] == 1) {
                return new int[] {s[1], s[2], s[3]};
            } else if (s.length == 3 && s[0] == 1) {
                return new int[] {1, s[1], s[2]};
            } else if (s.length == 2 && s[0] == 1) {
                return new int[] {1, 1, s[1]};
            } else if (s.length == 1) {
                return new int[] {1, 1, s[0]};
            }
            throw new TfliteFormatException("tensor " + index + " ('" + name + "') has shape " + Arrays.toString(s)
                    + "; pqk supports batch 1 tensors of rank 1 to 4");
        }
    }

    public record Operator(int index, int opcodeIndex, int[] inputs, int[] outputs, int optionsType, Options options) {}

    /** A builtin-options table; read by field number with the schema's defaults. */
    public static final class Options {
        private final FbTable t;

        Options(FbTable t) {
            this.t = t;
        }

        public int i32(int field, int dflt) {
            return t == null ? dflt : t.i32(field, dflt);
        }

        public int i8(int field, int dflt) {
            return t == null ? dflt : t.i8(field, dflt);
        }

        public boolean bool(int field) {
            return t != null && t.bool(field);
        }

        public float f32(int field, float dflt) {
            return t == null ? dflt : t.f32(field, dflt);
        }

        public int[] ints(int field) {
            return t == null ? null : t.ints(field);
        }
    }

    /**
     * Conv2DOptions {0 padding, 1 stride_w, 2 stride_h, 3 activation, 4 dilation_w, 5 dilation_h} and
     * DepthwiseConv2DOptions {0 padding, 1 stride_w, 2 stride_h, 3 depth_multiplier, 4 activation,
     * 5 dilation_w, 6 dilation_h}, with the schema's defaults.
     */
    public record ConvOptions(int padding, int strideH, int strideW, int activation, int dilationH, int dilationW) {
        public static ConvOptions of(Options o, boolean depthwise) {
            return new ConvOptions(o.i8(0, 0), o.i32(2, 0), o.i32(1, 0), o.i8(depthwise ? 4 : 3, 0),
                    o.i32(depthwise ? 6 : 5, 1), o.i32(depthwise ? 5 : 4, 1));
        }

        /** Refuses a stride or dilation that is not positive. */
        public void checkPositive(String where) {
            if (strideW <= 0 || strideH <= 0 || dilationW <= 0 || dilationH <= 0) {
                throw new TfliteFormatException(where + ": stride " + strideH + "x" + strideW + " / dilation " + dilationH
                        + "x" + dilationW + " must be positive");
            }
        }
    }

    /**
     * Pool2DOptions {0 padding, 1 stride_w, 2 stride_h, 3 filter_width, 4 filter_height, 5 activation}; a
     * filter or stride that is not positive is refused.
     */
    public record PoolOptions(int padding, int strideH, int strideW, int filterH, int filterW, int activation) {
        public static PoolOptions of(String where, Options o) {
            PoolOptions p = new PoolOptions(o.i8(0, 0), o.i32(2, 0), o.i32(1, 0), o.i32(4, 0), o.i32(3, 0), o.i8(5, 0));
            if (p.strideW <= 0 || p.strideH <= 0 || p.filterW <= 0 || p.filterH <= 0) {
                throw new TfliteFormatException(where + ": filter " + p.filterH + "x" + p.filterW + " / stride "
                        + p.strideH + "x" + p.strideW + " must be positive");
            }
            return p;
        }
    }

    public final long version;
    public final String description;
    public final List<OpCode> opcodes;
    public final List<Tensor> tensors;
    public final int[] inputs;
    public final int[] outputs;
    public final List<Operator> operators;
    private final List<FbTable> buffers;
    private final ByteBuffer file;

    private TfliteFile(ByteBuffer bb) {
        this.file = bb;
        if (bb.limit() < 8) {
            throw new TfliteFormatException("not a .tflite model: " + bb.limit() + " bytes is too short for a flatbuffer");
        }
        byte[] ident = new byte[4];
        bb.get(4, ident);
        if (!Arrays.equals(ident, IDENTIFIER.getBytes(StandardCharsets.US_ASCII))) {
            throw new TfliteFormatException("not a .tflite model: file identifier is '" + printable(ident)
                    + "', expected '" + IDENTIFIER + "'");
        }
        FbTable model = FbTable.root(bb, "Model");
        version = model.u32(0, 0);
        if (version != 3) {
            throw new TfliteFormatException("schema version " + version + " is not supported (expected 3)");
        }
        description = model.string(3);
        int nCodes = model.vectorLength(1);
        opcodes = new ArrayList<>();
        for (int i = 0; i < nCodes; i++) {
            FbTable c = model.tableAt(1, i, "OperatorCode[" + i + "]");
            int builtin = Math.max(c.i8(0, 0), c.i32(3, 0));
            opcodes.add(new OpCode(builtin, c.string(1), c.i32(2, 1)));
        }
        int nSub = model.vectorLength(2);
        if (nSub != 1) {
            throw new TfliteFormatException("model has " + nSub + " subgraphs; only single-subgraph models are supported");
        }
        FbTable sg = model.tableAt(2, 0, "SubGraph[0]");
        int nTensors = sg.vectorLength(0);
        tensors = new ArrayList<>();
        for (int i = 0; i < nTensors; i++) {
            FbTable t = sg.tableAt(0, i, "Tensor[" + i + "]");
            FbTable q = t.table(4, "quantization");
            float[] scale = q == null ? null : q.floats(2);
            long[] zp = q == null ? null : q.longs(3);
            int qdim = q == null ? 0 : q.i32(6, 0);
            int[] shape = t.ints(0);
            tensors.add(new Tensor(i, t.string(3), shape == null ? new int[0] : shape, t.i8(1, 0), t.u32(2, 0),
                    scale, zp, qdim, t.has(6)));
        }
        inputs = orEmpty(sg.ints(1));
        outputs = orEmpty(sg.ints(2));
        int nOps = sg.vectorLength(3);
        operators = new ArrayList<>();
        for (int i = 0; i < nOps; i++) {
            FbTable o = sg.tableAt(3, i, "Operator[" + i + "]");
            int type = o.u8(3, 0);
            FbTable opts = type == 0 ? null : o.table(4, "builtin_options");
            operators.add(new Operator(i, (int) o.u32(0, 0), orEmpty(o.ints(1)), orEmpty(o.ints(2)), type,
                    new Options(opts)));
        }
        int nBuf = model.vectorLength(4);
        buffers = new ArrayList<>();
        for (int i = 0; i < nBuf; i++) {
            buffers.add(model.tableAt(4, i, "Buffer[" + i + "]"));
        }
        for (Operator op : operators) {
            if (op.opcodeIndex() >= opcodes.size()) {
                throw new TfliteFormatException("operator " + op.index() + " refers to operator code "
                        + op.opcodeIndex() + " but the model has " + opcodes.size());
            }
            for (int[] ids : new int[][] {op.inputs(), op.outputs()}) {
                for (int id : ids) {
                    if (id < -1 || id >= tensors.size()) {
                        throw new TfliteFormatException("operator " + op.index() + " refers to tensor " + id
                                + " but the model has " + tensors.size());
                    }
                }
            }
        }
        for (int id : concat(inputs, outputs)) {
            if (id < 0 || id >= tensors.size()) {
                throw new TfliteFormatException("subgraph input/output refers to tensor " + id + " but the model has "
                        + tensors.size());
            }
        }
    }

    /** Parses a .tflite file held in memory; the bytes are not copied. */
    public static TfliteFile parse(byte[] bytes) {
        return new TfliteFile(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The constant data of a tensor (its buffer), or null when the tensor has none. */
    public byte[] data(Tensor t) {
        if (t.buffer() == 0) {
            return null;
        }
        if (t.buffer() >= buffers.size()) {
            throw new TfliteFormatException("tensor " + t.index() + " ('" + t.name() + "') refers to buffer "
                    + t.buffer() + " but the model has " + buffers.size());
        }
        FbTable b = buffers.get((int) t.buffer());
        byte[] data = b.bytes(0);
        if ((data == null || data.length == 0) && b.i64(1, 0) > 1) {
            // Large models keep buffers after the flatbuffer, addressed by offset and size.
            long off = b.i64(1, 0);
            long size = b.i64(2, 0);
            if (off < 0 || size < 0 || off + size > file.limit()) {
                throw new TfliteFormatException("buffer " + t.buffer() + " (offset " + off + ", " + size
                        + " bytes) lies outside the file: the file is truncated");
            }
            data = new byte[(int) size];
            file.get((int) off, data);
        }
        return data == null || data.length == 0 ? null : data;
    }

    public String opName(Operator op) {
        OpCode c = opcodes.get(op.opcodeIndex());
        return c.builtin() == 32 && c.custom() != null ? "CUSTOM '" + c.custom() + "'" : BuiltinOps.name(c.builtin());
    }

    /** Refuses a graph without exactly one input and one output, or without operators. */
    public void requireOneInputOneOutput() {
        if (inputs.length != 1 || outputs.length != 1) {
            throw new TfliteFormatException("model has " + inputs.length + " inputs and " + outputs.length
                    + " outputs; pqk supports exactly one of each");
        }
        if (operators.isEmpty()) {
            throw new TfliteFormatException("model has no operators");
        }
    }

    /** "operator 3 (CONV_2D)": how error messages name an operator. */
    public String label(Operator op) {
        return "operator " + op.index() + " (" + opName(op) + ")";
    }

    /**
     * The {top, left} padding of a SAME or VALID convolution or pool, after checking that the output's
     * [H, W, C] {@code out} is what that mode gives for the input {@code in}.
     */
    public static Padding padding(String where, int mode, int[] in, int[] out, int kh, int kw, int sh, int sw, int dh,
                                  int dw) {
        int[] y;
        int[] x;
        if (mode == BuiltinOps.PADDING_SAME) {
            y = Padding.same(in[0], kh, sh, dh);
            x = Padding.same(in[1], kw, sw, dw);
        } else if (mode == BuiltinOps.PADDING_VALID) {
            y = Padding.valid(in[0], kh, sh, dh);
            x = Padding.valid(in[1], kw, sw, dw);
        } else {
            throw new TfliteFormatException(where + ": padding mode " + mode + " is not SAME (0) or VALID (1)");
        }
        if (y[0] != out[0] || x[0] != out[1]) {
            throw new TfliteFormatException(where + ": output " + out[0] + "x" + out[1] + "x" + out[2] + " does not match "
                    + (mode == BuiltinOps.PADDING_SAME ? "SAME" : "VALID") + " padding of input " + in[0] + "x" + in[1]
                    + "x" + in[2] + " (expected " + y[0] + "x" + x[0] + ")");
        }
        return new Padding(y[1], x[1]);
    }

    public int builtin(Operator op) {
        return opcodes.get(op.opcodeIndex()).builtin();
    }

    private static int[] orEmpty(int[] a) {
        return a == null ? new int[0] : a;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x));
        }
        return s.toString();
    }
}
