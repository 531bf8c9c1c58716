package io.pqkmcu.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Encodes and decodes one op (and its weights) in the model file payload. */
final class OpCodec {
    private OpCodec() {}

    static void write(DataOutputStream out, Op op) throws IOException {
        out.writeByte(op.kind().code);
        out.writeUTF(op.name());
        out.writeInt(op.inputs().get(0));
        out.writeInt(op.output());
        if (op instanceof AddOp a) {
            out.writeInt(a.input2());
            out.writeInt(a.leftShift());
            out.writeInt(a.inputMultiplier1());
            out.writeInt(a.inputShift1());
            out.writeInt(a.inputMultiplier2());
            out.writeInt(a.inputShift2());
            out.writeInt(a.outputMultiplier());
            out.writeInt(a.outputShift());
            writeAct(out, a.actMin(), a.actMax());
            return;
        }
        if (op instanceof SoftmaxOp sm) {
            out.writeInt(sm.inputMultiplier());
            out.writeInt(sm.inputLeftShift());
            out.writeInt(sm.diffMin());
            return;
        }
        if (op instanceof MaxPool2DOp p) {
            out.writeInt(p.filterH());
            out.writeInt(p.filterW());
            writeWindow(out, p.strideH(), p.strideW(), 1, 1, p.padding());
            writeAct(out, p.actMin(), p.actMax());
            return;
        }
        if (op instanceof Conv2DOp c) {
            writeWindow(out, c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), c.padding());
            writeWeights(out, c.weights());
            writeAct(out, c.actMin(), c.actMax());
        } else if (op instanceof DepthwiseConv2DOp d) {
            writeWindow(out, d.strideH(), d.strideW(), d.dilationH(), d.dilationW(), d.padding());
            writeWeights(out, d.weights());
            writeAct(out, d.actMin(), d.actMax());
        } else if (op instanceof FullyConnectedOp f) {
            writeWeights(out, f.weights());
            writeAct(out, f.actMin(), f.actMax());
        } else if (op instanceof AveragePool2DOp p) {
            out.writeInt(p.filterH());
            out.writeInt(p.filterW());
            writeWindow(out, p.strideH(), p.strideW(), 1, 1, p.padding());
            writeAct(out, p.actMin(), p.actMax());
        }
    }

    static Op read(DataInputStream in) throws IOException {
        OpKind kind = OpKind.ofCode(in.readUnsignedByte());
        String name = in.readUTF();
        int input = in.readInt();
        int output = in.readInt();
        switch (kind) {
            case CONV_2D: {
                int[] g = readWindow(in);
                QuantizedWeights w = readWeights(in, name);
                return new Conv2DOp(name, input, output, g[0], g[1], g[2], g[3], new Padding(g[4], g[5]), w,
                        in.readInt(), in.readInt());
            }
            case DEPTHWISE_CONV_2D: {
                int[] g = readWindow(in);
                QuantizedWeights w = readWeights(in, name);
                return new DepthwiseConv2DOp(name, input, output, g[0], g[1], g[2], g[3], new Padding(g[4], g[5]), w,
                        in.readInt(), in.readInt());
            }
            case FULLY_CONNECTED: {
                QuantizedWeights w = readWeights(in, name);
                return new FullyConnectedOp(name, input, output, w, in.readInt(), in.readInt());
            }
            case AVERAGE_POOL_2D: {
                int fh = in.readInt();
                int fw = in.readInt();
                int[] g = readWindow(in);
                return new AveragePool2DOp(name, input, output, fh, fw, g[0], g[1], new Padding(g[4], g[5]),
                        in.readInt(), in.readInt());
            }
            case MAX_POOL_2D: {
                int fh = in.readInt();
                int fw = in.readInt();
                int[] g = readWindow(in);
                return new MaxPool2DOp(name, input, output, fh, fw, g[0], g[1], new Padding(g[4], g[5]),
                        in.readInt(), in.readInt());
            }
            case ADD: {
                int input2 = in.readInt();
                int[] v = new int[9];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readInt();
                }
                return new AddOp(name, input, input2, output, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
            }
            case SOFTMAX:
                return new SoftmaxOp(name, input, output, in.readInt(), in.readInt(), in.readInt());
            default:
                throw new ModelFormatException("unsupported operation " + kind);
        }
    }

    private static void writeWindow(DataOutputStream out, int sh, int sw, int dh, int dw, Padding p) throws IOException {
        out.writeInt(sh);
        out.writeInt(sw);
        out.writeInt(dh);
        out.writeInt(dw);
        out.writeInt(p.top());
        out.writeInt(p.left());
    }

    private static int[] readWindow(DataInputStream in) throws IOException {
        int[] g = new int[6];
        for (int i = 0; i < 6; i++) {
            g[i] = in.readInt();
        }
        return g;
    }

    private static void writeAct(DataOutputStream out, int min, int max) throws IOException {
        out.writeInt(min);
        out.writeInt(max);
    }

    private static void writeWeights(DataOutputStream out, QuantizedWeights w) throws IOException {
        out.writeByte(w.shape().length);
        for (int d : w.shape()) {
            out.writeInt(d);
        }
        out.writeInt(w.data().length);
        out.write(w.data());
        // The mask, one bit per weight (LSB first, 1 = kept): a record for tools, see QuantizedWeights.
        byte[] bits = new byte[(w.mask().length + 7) / 8];
        for (int i = 0; i < w.mask().length; i++) {
            if (w.mask()[i]) {
                bits[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        out.write(bits);
        out.writeInt(w.bias().length);
        for (int c = 0; c < w.bias().length; c++) {
            out.writeDouble(w.weightScale()[c]);
            out.writeInt(w.bias()[c]);
            out.writeInt(w.multiplier()[c]);
            out.writeInt(w.shift()[c]);
        }
    }

    /** Reads one layer's weights; a defect in them is reported with the layer named. */
    private static QuantizedWeights readWeights(DataInputStream in, String layer) throws IOException {
        try {
            return readWeights(in);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(layer + ": " + e.getMessage(), e);
        }
    }

    private static QuantizedWeights readWeights(DataInputStream in) throws IOException {
        int rank = in.readUnsignedByte();
        if (rank < 1 || rank > 4) {
            throw new ModelFormatException("weights of rank " + rank + " are not supported");
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
        }
        int n = ModelFile.count(in, "weights");
        byte[] data = new byte[n];
        in.readFully(data);
        byte[] bits = new byte[(n + 7) / 8];
        in.readFully(bits);
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = (bits[i >> 3] & (1 << (i & 7))) != 0;
        }
        int channels = ModelFile.count(in, "channels");
        double[] scale = new double[channels];
        int[] bias = new int[channels];
        int[] mult = new int[channels];
        int[] shift = new int[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = in.readDouble();
            bias[c] = in.readInt();
            mult[c] = in.readInt();
            shift[c] = in.readInt();
        }
        return new QuantizedWeights(shape, data, mask, scale, bias, mult, shift);
    }
}
