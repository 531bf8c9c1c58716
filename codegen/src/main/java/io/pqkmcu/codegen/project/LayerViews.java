package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.plan.MemoryPlan;
import io.pqkmcu.codegen.plan.ModelBuffers;
import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.trainer.model.AveragePool2DOp;
import io.pqkmcu.trainer.model.Conv2DOp;
import io.pqkmcu.trainer.model.DepthwiseConv2DOp;
import io.pqkmcu.trainer.model.FullyConnectedOp;
import io.pqkmcu.trainer.model.Int8Model;
import io.pqkmcu.trainer.model.Op;
import io.pqkmcu.trainer.model.Padding;
import io.pqkmcu.trainer.model.QuantizedWeights;
import io.pqkmcu.trainer.model.TensorSpec;

import java.util.List;
import java.util.Locale;

/** Builds the template views of one layer: its op call ({@link LayerView}) and its weights ({@link WeightsView}). */
final class LayerViews {
    private LayerViews() {}

    static LayerView layer(CompiledLayer l, Int8Model model, MemoryPlan plan, String modelSym) {
        Op op = l.op();
        TensorSpec in = model.tensor(op.inputs().get(0));
        TensorSpec out = model.tensor(op.output());
        DimsView inDims = new DimsView(1, in.height(), in.width(), in.channels());
        DimsView outDims = new DimsView(1, out.height(), out.width(), out.channels());
        int inputArena = plan.offsetOf(ModelBuffers.tensorKey(in));
        int outputArena = plan.offsetOf(ModelBuffers.tensorKey(out));
        int scratchArena = l.scratchBytes() > 0 ? plan.offsetOf(ModelBuffers.scratchKey(l.index(), op)) : 0;
        String weights = l.sparse() ? tableSym(modelSym, l) : denseSym(modelSym, l);
        String prefix = modelSym + "_" + l.sym();
        String format = l.choice() == null ? "" : l.sparse() ? ", sparse (PQKS1)" : ", dense";
        if (op instanceof Conv2DOp c) {
            int[] s = c.weights().shape();
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), l.kernel().function, l.sparse(), "conv",
                    summary(op, in, out, "kernel " + s[1] + "x" + s[2], c.strideH(), c.strideW(), c.dilationH(),
                            c.dilationW(), c.padding()) + format,
                    inDims, outDims, new DimsView(s[0], s[1], s[2], s[3]), -in.zeroPoint(), out.zeroPoint(),
                    c.strideH(), c.strideW(), c.padding().top(), c.padding().left(), c.dilationH(), c.dilationW(),
                    c.actMin(), c.actMax(), inputArena, outputArena, scratchArena, l.scratchBytes(), weights,
                    prefix + "_bias", prefix + "_multiplier", prefix + "_shift");
        }
        if (op instanceof DepthwiseConv2DOp d) {
            int[] s = d.weights().shape();
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), l.kernel().function, l.sparse(), "conv",
                    summary(op, in, out, "kernel " + s[1] + "x" + s[2], d.strideH(), d.strideW(), d.dilationH(),
                            d.dilationW(), d.padding()) + format,
                    inDims, outDims, new DimsView(1, s[1], s[2], s[3]), -in.zeroPoint(), out.zeroPoint(),
                    d.strideH(), d.strideW(), d.padding().top(), d.padding().left(), d.dilationH(), d.dilationW(),
                    d.actMin(), d.actMax(), inputArena, outputArena, scratchArena, l.scratchBytes(), weights,
                    prefix + "_bias", prefix + "_multiplier", prefix + "_shift");
        }
        if (op instanceof FullyConnectedOp f) {
            int[] s = f.weights().shape();
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), l.kernel().function, l.sparse(), "fc",
                    CNames.commentSafe(op.name()) + ": " + op.kind() + " " + in.shapeString() + " -> " + out.shapeString()
                            + format,
                    inDims, outDims, new DimsView(s[0], 1, 1, s[1]), -in.zeroPoint(), out.zeroPoint(),
                    1, 1, 0, 0, 1, 1, f.actMin(), f.actMax(), inputArena, outputArena, scratchArena, l.scratchBytes(),
                    weights, prefix + "_bias", prefix + "_multiplier", prefix + "_shift");
        }
        if (op instanceof AveragePool2DOp p) {
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), l.kernel().function, false, "avgpool",
                    summary(op, in, out, "pool " + p.filterH() + "x" + p.filterW(), p.strideH(), p.strideW(), 1, 1,
                            p.padding()),
                    inDims, outDims, new DimsView(1, p.filterH(), p.filterW(), 1), 0, 0,
                    p.strideH(), p.strideW(), p.padding().top(), p.padding().left(), 1, 1, p.actMin(), p.actMax(),
                    inputArena, outputArena, 0, 0, "", "", "", "");
        }
        throw new UnsupportedModelException("layer '" + op.name() + "': operation " + op.kind() + " is not supported");
    }

    private static String summary(Op op, TensorSpec in, TensorSpec out, String window, int sh, int sw, int dh, int dw,
                                  Padding pad) {
        return CNames.commentSafe(op.name()) + ": " + op.kind() + " " + in.shapeString() + " -> " + out.shapeString()
                + ", " + window + ", stride " + sh + "x" + sw + ", dilation " + dh + "x" + dw + ", padding "
                + pad.top() + "," + pad.left();
    }

    static WeightsView weights(CompiledLayer l, String modelSym) {
        Op op = l.op();
        QuantizedWeights w = op.weights();
        int[] s = w.shape();
        String layout;
        String rows;
        if (op instanceof Conv2DOp) {
            layout = "[C_OUT=" + s[0] + ", KH=" + s[1] + ", KW=" + s[2] + ", C_IN=" + s[3] + "]";
            rows = "[C_OUT=" + s[0] + "][KH*KW*C_IN=" + s[1] * s[2] * s[3] + "]";
        } else if (op instanceof DepthwiseConv2DOp) {
            layout = "[1, KH=" + s[1] + ", KW=" + s[2] + ", C=" + s[3] + "]";
            rows = "[C=" + s[3] + "][KH*KW=" + s[1] * s[2] + "]";
        } else {
            layout = "[C_OUT=" + s[0] + ", C_IN=" + s[1] + "]";
            rows = "[C_OUT=" + s[0] + "][C_IN=" + s[1] + "]";
        }
        String prefix = modelSym + "_" + l.sym();
        String name = CNames.commentSafe(op.name());
        if (l.sparse()) {
            SparseTable t = l.choice().table();
            List<String> stream = t.stream().length == 0 ? List.of("0x00, /* empty table: C has no zero-length arrays */")
                    : CArrays.hex(t.stream());
            return new WeightsView(name, true, layout, rows, "", w.data().length, List.of(),
                    tableSym(modelSym, l), prefix + "_stream", t.streamBytes(), Math.max(1, t.streamBytes()), stream,
                    t.entries(), t.nonZeros(), t.rows(), t.cols(), t.maxRowNonZeros(), t.gapBits(), t.valueBits(),
                    t.valueBase(), String.format(Locale.ROOT, "%.3f", t.bytesPerNonZero()),
                    w.outputChannels(), prefix + "_bias", CArrays.int32(w.bias()), prefix + "_multiplier",
                    CArrays.int32(w.multiplier()), prefix + "_shift", CArrays.int32(w.shift()));
        }
        return new WeightsView(name, false, layout, rows, denseSym(modelSym, l), w.data().length, CArrays.int8(w.data()),
                "", "", 0, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, "",
                w.outputChannels(), prefix + "_bias", CArrays.int32(w.bias()), prefix + "_multiplier",
                CArrays.int32(w.multiplier()), prefix + "_shift", CArrays.int32(w.shift()));
    }

    private static String denseSym(String modelSym, CompiledLayer l) {
        return modelSym + "_" + l.sym() + "_weights";
    }

    private static String tableSym(String modelSym, CompiledLayer l) {
        return modelSym + "_" + l.sym() + "_table";
    }
}
