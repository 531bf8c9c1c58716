package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.plan.MemoryPlan;
import io.pqkmcu.codegen.plan.ModelBuffers;
import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.codegen.sparse.WeightMatrix;
import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.Padding;
import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.quant.QuantMath;

import java.util.ArrayList;
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
        String prefix = modelSym + "_" + l.sym();
        String weights = l.sparse() ? "&" + tableSym(modelSym, l) : denseSym(modelSym, l);
        boolean cmsis = l.kernel().external();
        // pqk kernels take one pqk_channel_quant array; CMSIS-NN calls use the prefix's _bias, _multiplier, _shift
        String quant = op.weights() == null ? "" : cmsis ? prefix : prefix + "_quant";
        String family = familyName(l.kernel().family);
        String format = l.choice() == null ? "" : l.sparse() ? ", sparse (PQKS1)" : ", dense";
        String inPlace = l.inPlace() ? ", in place" : "";
        String kernel = l.kernel().function;
        boolean ctx = l.kernel().family == Kernel.Family.CONV || l.sparse() || cmsis;
        if (op instanceof Conv2DOp c) {
            int[] s = c.weights().shape();
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), kernel, family, l.sparse(), ctx,
                    l.inPlace(), summary(op, in, out, "kernel " + s[1] + "x" + s[2], c.strideH(), c.strideW(),
                    c.dilationH(), c.dilationW(), c.padding()) + format + inPlace,
                    inDims, outDims, new DimsView(s[0], s[1], s[2], s[3]), -in.zeroPoint(), out.zeroPoint(),
                    c.strideH(), c.strideW(), c.padding().top(), c.padding().left(), c.dilationH(), c.dilationW(),
                    c.actMin(), c.actMax(), inputArena, 0, outputArena, scratchArena, l.scratchBytes(), weights, quant,
                    List.of(), 0, 0);
        }
        if (op instanceof DepthwiseConv2DOp d) {
            int[] s = d.weights().shape();
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), kernel, family, l.sparse(), ctx,
                    l.inPlace(), summary(op, in, out, "kernel " + s[1] + "x" + s[2], d.strideH(), d.strideW(),
                    d.dilationH(), d.dilationW(), d.padding()) + format + inPlace,
                    inDims, outDims, new DimsView(1, s[1], s[2], s[3]), -in.zeroPoint(), out.zeroPoint(),
                    d.strideH(), d.strideW(), d.padding().top(), d.padding().left(), d.dilationH(), d.dilationW(),
                    d.actMin(), d.actMax(), inputArena, 0, outputArena, scratchArena, l.scratchBytes(), weights, quant,
                    List.of(), 0, 0);
        }
        if (op instanceof FullyConnectedOp f) {
            int[] s = f.weights().shape();
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), kernel, family, l.sparse(), ctx, false,
                    CNames.commentSafe(op.name()) + ": " + op.kind() + " " + in.shapeString() + " -> " + out.shapeString()
                            + format,
                    inDims, outDims, new DimsView(s[0], 1, 1, s[1]), -in.zeroPoint(), out.zeroPoint(),
                    1, 1, 0, 0, 1, 1, f.actMin(), f.actMax(), inputArena, 0, outputArena, scratchArena, l.scratchBytes(),
                    weights, quant, List.of(), 0, 0);
        }
        if (op instanceof AveragePool2DOp p) {
            return pool(l, in, out, inDims, outDims, inputArena, outputArena, p.filterH(), p.filterW(), p.strideH(),
                    p.strideW(), p.padding(), p.actMin(), p.actMax());
        }
        if (op instanceof MaxPool2DOp p) {
            return pool(l, in, out, inDims, outDims, inputArena, outputArena, p.filterH(), p.filterW(), p.strideH(),
                    p.strideW(), p.padding(), p.actMin(), p.actMax());
        }
        if (op instanceof AddOp a) {
            TensorSpec in2 = model.tensor(a.input2());
            List<String> params = List.of(
                    -in.zeroPoint() + ", " + a.inputMultiplier1() + ", " + a.inputShift1() + ", /* input 1: offset, multiplier, shift */",
                    -in2.zeroPoint() + ", " + a.inputMultiplier2() + ", " + a.inputShift2() + ", /* input 2: offset, multiplier, shift */",
                    a.leftShift() + ", /* left shift */",
                    out.zeroPoint() + ", " + a.outputMultiplier() + ", " + a.outputShift() + ", /* output: offset, multiplier, shift */",
                    "{" + a.actMin() + ", " + a.actMax() + "} /* activation */");
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), kernel, "add", false, false,
                    l.inPlace(), CNames.commentSafe(op.name()) + ": ADD " + in.shapeString() + " + " + in2.shapeString()
                            + " -> " + out.shapeString() + inPlace,
                    inDims, outDims, outDims, 0, 0, 1, 1, 0, 0, 1, 1, a.actMin(), a.actMax(), inputArena,
                    plan.offsetOf(ModelBuffers.tensorKey(in2)), outputArena, 0, 0, "", "", params, 0, out.size());
        }
        if (op instanceof SoftmaxOp sm) {
            List<String> params = List.of(sm.inputMultiplier() + ", " + sm.inputLeftShift() + ", " + sm.diffMin()
                    + " /* input multiplier, input left shift, diff min */");
            return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), kernel, "softmax", false, false,
                    l.inPlace(), CNames.commentSafe(op.name()) + ": SOFTMAX over " + in.channels() + " channels, "
                            + in.shapeString() + " -> " + out.shapeString() + inPlace,
                    inDims, outDims, outDims, 0, 0, 1, 1, 0, 0, 1, 1, -128, 127, inputArena, 0, outputArena, 0, 0, "", "",
                    params, in.height() * in.width(), in.channels());
        }
        throw new UnsupportedModelException("layer '" + op.name() + "': operation " + op.kind() + " is not supported");
    }

    /** The op template (model_c.ftl's ops map) of a kernel family. */
    private static String familyName(Kernel.Family f) {
        return f.name().toLowerCase(Locale.ROOT);
    }

    private static LayerView pool(CompiledLayer l, TensorSpec in, TensorSpec out, DimsView inDims, DimsView outDims,
                                  int inputArena, int outputArena, int fh, int fw, int sh, int sw, Padding pad,
                                  int actMin, int actMax) {
        Op op = l.op();
        return new LayerView(l.index(), CNames.commentSafe(op.name()), l.sym(), l.kernel().function, "pool", false, false,
                false, summary(op, in, out, "pool " + fh + "x" + fw, sh, sw, 1, 1, pad),
                inDims, outDims, new DimsView(1, fh, fw, 1), 0, 0, sh, sw, pad.top(), pad.left(), 1, 1, actMin, actMax,
                inputArena, 0, outputArena, 0, 0, "", "", List.of(), 0, 0);
    }

    private static String summary(Op op, TensorSpec in, TensorSpec out, String window, int sh, int sw, int dh, int dw,
                                  Padding pad) {
        return CNames.commentSafe(op.name()) + ": " + op.kind() + " " + in.shapeString() + " -> " + out.shapeString()
                + ", " + window + ", stride " + sh + "x" + sw + ", dilation " + dh + "x" + dw + ", padding "
                + pad.top() + "," + pad.left();
    }

    static WeightsView weights(CompiledLayer l, String modelSym, int outputZeroPoint) {
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
        List<String> quant = quantLines(w, WeightMatrix.of(op), outputZeroPoint);
        boolean cmsis = l.kernel().external();
        if (l.sparse()) {
            SparseTable t = l.choice().table();
            List<String> stream = t.stream().length == 0 ? List.of("0x00, /* empty table: C has no zero-length arrays */")
                    : CArrays.hex(t.stream());
            return new WeightsView(name, true, layout, rows, "", w.data().length, List.of(),
                    tableSym(modelSym, l), prefix + "_stream", t.streamBytes(), Math.max(1, t.streamBytes()), stream,
                    t.entries(), t.nonZeros(), t.rows(), t.cols(), t.maxRowNonZeros(), t.gapBits(), t.valueBits(),
                    t.valueBase(), String.format(Locale.ROOT, "%.3f", t.bytesPerNonZero()),
                    w.outputChannels(), prefix + "_quant", quant, outputZeroPoint, false, prefix, List.of(), List.of(),
                    List.of());
        }
        return new WeightsView(name, false, layout, rows, denseSym(modelSym, l), w.data().length, CArrays.int8(w.data()),
                "", "", 0, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, "",
                w.outputChannels(), prefix + "_quant", quant, outputZeroPoint, cmsis, prefix, CArrays.int32(w.bias()),
                CArrays.int32(w.multiplier()), CArrays.int32(w.shift()));
    }

    /**
     * One {bias, multiplier, shift} initializer per output channel (the kernels derive the fast
     * requantization's rounding constant from the shift and the output zero point, pqk_kernel_util.h).
     *
     * A channel whose weights were all pruned and whose bias is 0 accumulates exactly 0 in every kernel,
     * and both requantizations map 0 to the output zero point whatever the multiplier and shift; its
     * quantizer is often degenerate (a zero weight scale gives a left shift), which alone would send the
     * whole layer down the general path. Such a channel gets {0, 2^30, -2, fast rounding} instead:
     * the same outputs, and the layer keeps the fast path.
     */
    static List<String> quantLines(QuantizedWeights w, WeightMatrix rows, int outputZeroPoint) {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < w.outputChannels(); c++) {
            QuantMath.Multiplier m = emitted(w, rows, c);
            lines.add("{" + w.bias()[c] + ", " + m.multiplier() + ", " + m.shift() + "},");
        }
        return lines;
    }

    /** Channel {@code c}'s emitted multiplier and shift: its own, or {2^30, -2} for a dead channel (see quantLines). */
    private static QuantMath.Multiplier emitted(QuantizedWeights w, WeightMatrix rows, int c) {
        if (w.bias()[c] == 0 && rows.rowNonZeros(c) == 0) {
            return new QuantMath.Multiplier(1 << 30, -2);
        }
        return new QuantMath.Multiplier(w.multiplier()[c], w.shift()[c]);
    }

    /** pqk_kernel_util.h's PQK_REQUANT_GENERAL, PQK_REQUANT_FAST and PQK_REQUANT_FAST_FULL_RANGE. */
    static final int REQUANT_GENERAL = 0;
    static final int REQUANT_FAST = 1;
    static final int REQUANT_FAST_FULL_RANGE = 2;

    /**
     * Twin of pqk_requant_mode for the layer's emitted channel parameters (those quantLines writes):
     * the fast path when every channel has e = -shift in 2..22 and a non-negative multiplier, in its
     * full-range form when the activation is the whole int8 range.
     */
    static int requantMode(Op op, int actMin, int actMax) {
        QuantizedWeights w = op.weights();
        WeightMatrix rows = WeightMatrix.of(op);
        for (int c = 0; c < w.outputChannels(); c++) {
            QuantMath.Multiplier m = emitted(w, rows, c);
            if (-m.shift() < 2 || -m.shift() > 22 || m.multiplier() < 0) {
                return REQUANT_GENERAL;
            }
        }
        return actMin == -128 && actMax == 127 ? REQUANT_FAST_FULL_RANGE : REQUANT_FAST;
    }


    private static String denseSym(String modelSym, CompiledLayer l) {
        return modelSym + "_" + l.sym() + "_weights";
    }

    private static String tableSym(String modelSym, CompiledLayer l) {
        return modelSym + "_" + l.sym() + "_table";
    }
}
