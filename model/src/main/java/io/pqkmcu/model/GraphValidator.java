package io.pqkmcu.model;

import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a graph is well formed before anything runs or compiles it: ids in range, ops in
 * execution order, and every op's shapes consistent with its parameters. A file that passes the
 * checksum but was written by a buggy exporter still fails here, with the layer named.
 */
final class GraphValidator {
    private GraphValidator() {}

    static void validate(String name, List<String> labels, FrontEndConfig frontEnd, List<TensorSpec> tensors,
                         List<Op> ops, int inputId, int outputId) {
        if (name == null || name.isBlank()) {
            throw new ModelFormatException("model has no name");
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).id() != i) {
                throw new ModelFormatException("tensor #" + i + " carries id " + tensors.get(i).id());
            }
        }
        checkId("input", inputId, tensors);
        checkId("output", outputId, tensors);
        if (ops.isEmpty()) {
            throw new ModelFormatException("model has no operations");
        }
        Set<Integer> available = new HashSet<>();
        available.add(inputId);
        for (Op op : ops) {
            for (int in : op.inputs()) {
                checkId(op.name() + " input", in, tensors);
                if (!available.contains(in)) {
                    throw new ModelFormatException(op.name() + " reads tensor " + in + " before any op produces it");
                }
            }
            checkId(op.name() + " output", op.output(), tensors);
            if (!available.add(op.output())) {
                throw new ModelFormatException(op.name() + " overwrites tensor " + op.output());
            }
            checkShapes(op, tensors);
        }
        if (!available.contains(outputId)) {
            throw new ModelFormatException("no op produces the output tensor " + outputId);
        }
        TensorSpec out = tensors.get(outputId);
        if (labels.size() != out.size()) {
            throw new ModelFormatException("model has " + labels.size() + " labels but " + out.size() + " outputs");
        }
        if (frontEnd != null) {
            TensorSpec in = tensors.get(inputId);
            if (in.height() != frontEnd.frames() || in.width() != frontEnd.featuresPerFrame() || in.channels() != 1) {
                throw new ModelFormatException("input tensor " + in.shapeString() + " does not match the front end's "
                        + frontEnd.frames() + "x" + frontEnd.featuresPerFrame() + "x1 features (frames = 1 + (clipSamples "
                        + frontEnd.clipSamples() + " - windowSamples " + frontEnd.windowSamples() + ") / strideSamples "
                        + frontEnd.strideSamples() + "; " + (frontEnd.type() == FrontEndConfig.FeatureType.MFCC
                        ? "coefficients " + frontEnd.coefficients() : "melBins " + frontEnd.melBins()) + " per frame)");
            }
        }
    }

    private static void checkId(String what, int id, List<TensorSpec> tensors) {
        if (id < 0 || id >= tensors.size()) {
            throw new ModelFormatException(what + " refers to tensor " + id + " but the model has " + tensors.size());
        }
    }

    private static void checkShapes(Op op, List<TensorSpec> tensors) {
        TensorSpec in = tensors.get(op.inputs().get(0));
        TensorSpec out = tensors.get(op.output());
        if (op instanceof Conv2DOp c) {
            int[] s = c.weights().shape();
            expect(op, s[3] == in.channels(), "weights expect " + s[3] + " input channels, input has " + in.channels());
            expect(op, s[0] == out.channels(), "weights give " + s[0] + " output channels, output has " + out.channels());
            checkWindow(op, in, out, s[1], s[2], c.strideH(), c.strideW(), c.dilationH(), c.dilationW(), c.padding());
        } else if (op instanceof DepthwiseConv2DOp d) {
            int[] s = d.weights().shape();
            expect(op, s[3] == in.channels() && in.channels() == out.channels(),
                    "channels disagree: input " + in.channels() + ", weights " + s[3] + ", output " + out.channels());
            checkWindow(op, in, out, s[1], s[2], d.strideH(), d.strideW(), d.dilationH(), d.dilationW(), d.padding());
        } else if (op instanceof FullyConnectedOp f) {
            int[] s = f.weights().shape();
            expect(op, s[1] == in.size(), "weights expect " + s[1] + " inputs, input has " + in.size());
            expect(op, s[0] == out.size(), "weights give " + s[0] + " outputs, output has " + out.size());
        } else if (op instanceof MaxPool2DOp p) {
            expect(op, in.channels() == out.channels(), "pooling changes the channel count");
            expect(op, in.scale() == out.scale() && in.zeroPoint() == out.zeroPoint(),
                    "max pooling must keep the input's quantization");
            checkWindow(op, in, out, p.filterH(), p.filterW(), p.strideH(), p.strideW(), 1, 1, p.padding());
        } else if (op instanceof AddOp a) {
            TensorSpec in2 = tensors.get(a.input2());
            expect(op, in.height() == in2.height() && in.width() == in2.width() && in.channels() == in2.channels()
                    && in.size() == out.size() && in.height() == out.height() && in.channels() == out.channels(),
                    "inputs " + in.shapeString() + " and " + in2.shapeString() + " and output " + out.shapeString()
                            + " must have the same shape");
        } else if (op instanceof SoftmaxOp) {
            expect(op, in.height() == out.height() && in.width() == out.width() && in.channels() == out.channels(),
                    "input " + in.shapeString() + " and output " + out.shapeString() + " must have the same shape");
            expect(op, in.channels() <= SoftmaxOp.MAX_DEPTH, "softmax over " + in.channels()
                    + " channels; at most " + SoftmaxOp.MAX_DEPTH + " are supported");
            expect(op, out.scale() == SoftmaxOp.OUTPUT_SCALE && out.zeroPoint() == SoftmaxOp.OUTPUT_ZERO_POINT,
                    "output must have scale 1/256 and zero point -128 (int8 softmax)");
        } else if (op instanceof AveragePool2DOp p) {
            expect(op, in.channels() == out.channels(), "pooling changes the channel count");
            expect(op, in.scale() == out.scale() && in.zeroPoint() == out.zeroPoint(),
                    "average pooling must keep the input's quantization");
            checkWindow(op, in, out, p.filterH(), p.filterW(), p.strideH(), p.strideW(), 1, 1, p.padding());
        }
    }

    private static void checkWindow(Op op, TensorSpec in, TensorSpec out, int kh, int kw, int sh, int sw, int dh, int dw,
                                    Padding pad) {
        checkAxis(op, "height", in.height(), out.height(), kh, sh, dh, pad.top());
        checkAxis(op, "width", in.width(), out.width(), kw, sw, dw, pad.left());
    }

    /** Every output position's window must start inside the padded input and overlap real input. */
    private static void checkAxis(Op op, String axis, int in, int out, int k, int stride, int dilation, int padBefore) {
        int effective = (k - 1) * dilation + 1;
        expect(op, padBefore < effective, axis + " padding " + padBefore + " is not smaller than the kernel extent " + effective);
        expect(op, (out - 1) * stride - padBefore < in,
                "output " + axis + " " + out + " reaches past the input " + axis + " " + in);
        int padAfter = (out - 1) * stride + effective - in - padBefore;
        expect(op, padAfter < effective, axis + " needs " + padAfter + " rows of padding after the input");
    }

    private static void expect(Op op, boolean ok, String message) {
        if (!ok) {
            throw new ModelFormatException(op.name() + ": " + message);
        }
    }
}
