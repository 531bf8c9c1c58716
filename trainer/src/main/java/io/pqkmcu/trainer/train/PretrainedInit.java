package io.pqkmcu.trainer.train;

import io.pqkmcu.model.tflite.BuiltinOps;
import io.pqkmcu.model.tflite.TfliteFloatGraph;
import io.pqkmcu.trainer.nn.Activation;
import io.pqkmcu.trainer.nn.Add;
import io.pqkmcu.trainer.nn.AvgPool;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Dropout;
import io.pqkmcu.trainer.nn.Flatten;
import io.pqkmcu.trainer.nn.Layer;
import io.pqkmcu.trainer.nn.MaxPool;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Node;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.ObserverKind;
import io.pqkmcu.trainer.tensor.ConvGeometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a trainer network from the weights of a .tflite model ({@code pqk train --init}). The two graphs
 * are matched from the output back to the input, layer by layer: every weighted layer, pool and residual
 * sum of the network must have its operator in the model with the same kind, shapes, kernel, stride,
 * dilation, padding and fused activation (dropout and flatten have no operator; the two inputs of a sum
 * may come in either order). A model of another architecture is refused with the first difference. The
 * classifier may differ in its number of classes (a new task): it then keeps its random initialisation.
 */
public final class PretrainedInit {
    private PretrainedInit() {}

    /**
     * What was loaded.
     *
     * @param loaded layers whose weights came from the model
     * @param fresh  layers left at their random initialisation (the classifier of a new task)
     * @param ranges layers whose activation range (their QAT observer) came from the model's int8 output
     *               quantization; none for a float or hybrid model, whose ranges are observed in training
     * @param newClasses with class names: the data's classes the model does not have (random classifier rows)
     */
    public record Result(List<String> loaded, List<String> fresh, List<String> ranges, List<String> newClasses) {}

    /**
     * Loads the model's weights into {@code net}, and for a quantized model its activation ranges, so that
     * the QAT student starts as the int8 model computes.
     *
     * @param newHead keep the classifier at its random initialisation even when the class counts agree
     * @throws IllegalArgumentException naming the first difference when the architectures differ
     */
    public static Result load(TfliteFloatGraph model, Network net, boolean newHead) {
        return load(model, net, newHead, null, null);
    }

    /**
     * As {@link #load(TfliteFloatGraph, Network, boolean)}, with the model's class names: its classifier rows
     * are then reordered to the data's classes (names compared without case and underscores, so
     * "silence" is "_silence_"); a data class the model does not have keeps a random row.
     *
     * @param modelLabels the model's output classes in order, or null to take its rows in order
     * @param dataLabels  the data's classes in order (used with {@code modelLabels})
     */
    public static Result load(TfliteFloatGraph model, Network net, boolean newHead, List<String> modelLabels,
                              List<String> dataLabels) {
        List<Node> nodes = net.nodes();
        int outNode = nodes.size() - 1;
        TfliteFloatGraph.Layer outLayer = model.layers().get(model.output());
        boolean freshHead = false;
        if (nodes.get(outNode).layer() instanceof ConvUnit head && head.kind() == ConvUnit.Kind.DENSE
                && outLayer.kind() == TfliteFloatGraph.Kind.DENSE) {
            freshHead = newHead || head.outChannels() != outLayer.outShape()[2];
        }
        int[] rows = null; // with class names: the model's row of each data class, or -1
        if (modelLabels != null && !newHead) {
            rows = headRows(modelLabels, dataLabels, outLayer);
            freshHead = false;
        }
        Map<Integer, Integer> map = match(model, net, freshHead || rows != null ? outNode : -2);
        List<String> loaded = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        boolean partialHead = false;
        for (int node = 0; node < nodes.size(); node++) {
            Integer layer = map.get(node);
            if (layer != null && nodes.get(node).layer() instanceof ConvUnit u) {
                TfliteFloatGraph.Layer l = model.layers().get(layer);
                if (freshHead && node == outNode) {
                    fresh.add(u.name());
                } else if (rows != null && node == outNode) {
                    partialHead = loadRows(u, l, rows);
                    loaded.add(u.name());
                } else {
                    u.loadFolded(l.weights(), l.bias());
                    loaded.add(u.name());
                }
            }
        }
        List<String> ranges = seed(model, net, map, freshHead || partialHead ? outNode : -2);
        List<String> newClasses = new ArrayList<>();
        for (int c = 0; rows != null && c < rows.length; c++) {
            if (rows[c] < 0) {
                newClasses.add(dataLabels.get(c));
            }
        }
        return new Result(List.copyOf(loaded), List.copyOf(fresh), ranges, List.copyOf(newClasses));
    }

    /** For each data class, the model's classifier row of the same name, or -1. */
    private static int[] headRows(List<String> modelLabels, List<String> dataLabels, TfliteFloatGraph.Layer head) {
        int classes = head.outShape()[2];
        if (modelLabels.size() != classes) {
            throw new IllegalArgumentException("the model has " + classes + " classes but " + modelLabels.size()
                    + " class names were given");
        }
        int[] rows = new int[dataLabels.size()];
        int found = 0;
        for (int c = 0; c < rows.length; c++) {
            rows[c] = -1;
            for (int m = 0; m < classes; m++) {
                if (key(modelLabels.get(m)).equals(key(dataLabels.get(c)))) {
                    rows[c] = m;
                    found++;
                    break;
                }
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException("none of the model's classes " + modelLabels + " is a class of the data "
                    + dataLabels);
        }
        return rows;
    }

    private static String key(String label) {
        return label.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Copies the named rows of the model's classifier; returns true when some class keeps its random row. */
    private static boolean loadRows(ConvUnit u, TfliteFloatGraph.Layer l, int[] rows) {
        int in = u.inChannels();
        float[] w = u.weights().clone();
        float[] b = u.foldedBias(0);
        boolean partial = rows.length != l.outShape()[2];
        for (int c = 0; c < rows.length; c++) {
            if (rows[c] < 0) {
                partial = true;
                continue;
            }
            System.arraycopy(l.weights(), rows[c] * in, w, c * in, in);
            b[c] = l.bias()[rows[c]];
        }
        u.loadFolded(w, b);
        return partial;
    }

    /**
     * Sets the activation observers of {@code net} from the int8 output ranges of a quantized model of the
     * same architecture (the int8 twin of the float model the weights came from), without touching the
     * weights. Returns the layers it set.
     */
    public static List<String> seedActivationRanges(TfliteFloatGraph model, Network net) {
        return seed(model, net, match(model, net, -2), -2);
    }

    private static List<String> seed(TfliteFloatGraph model, Network net, Map<Integer, Integer> map, int skip) {
        List<String> ranges = new ArrayList<>();
        List<Node> nodes = net.nodes();
        for (int node = 0; node < nodes.size(); node++) {
            Integer layer = map.get(node);
            if (layer == null || node == skip) {
                continue;
            }
            float[] r = model.layers().get(layer).outRange();
            ActivationObserver o = nodes.get(node).layer() instanceof ConvUnit u ? u.observer()
                    : nodes.get(node).layer() instanceof Add a ? a.observer() : null;
            if (r != null && o != null) {
                o.reset();
                o.observeRange(r[0], r[1], ObserverKind.MINMAX, 1f);
                ranges.add(nodes.get(node).layer().name());
            }
        }
        return List.copyOf(ranges);
    }

    /** Network node → model layer for every node that has an operator, or the first difference. */
    private static Map<Integer, Integer> match(TfliteFloatGraph model, Network net, int freshHead) {
        int[] in = model.inputShape();
        if (in[0] != net.inputHeight() || in[1] != net.inputWidth() || in[2] != net.inputChannels()) {
            throw new IllegalArgumentException("the model's input is " + in[0] + "x" + in[1] + "x" + in[2]
                    + " but the data's features are " + net.inputHeight() + "x" + net.inputWidth() + "x"
                    + net.inputChannels() + " (for audio, choose the model's front end with --features)");
        }
        Map<Integer, Integer> map = new HashMap<>();
        String why = new Matcher(model, net, freshHead).match(net.nodes().size() - 1, model.output(), map);
        if (why != null) {
            throw new IllegalArgumentException("the model is not a " + net.architecture() + " network: " + why);
        }
        return map;
    }

    /** The depth-first match of network nodes to model layers. */
    private static final class Matcher {
        private final TfliteFloatGraph model;
        private final List<Node> nodes;
        private final int freshHead;

        Matcher(TfliteFloatGraph model, Network net, int freshHead) {
            this.model = model;
            this.nodes = net.nodes();
            this.freshHead = freshHead;
        }

        /** Null when node ↔ layer and everything upstream match (recorded in {@code map}); else the reason. */
        String match(int node, int layer, Map<Integer, Integer> map) {
            node = skipViews(node);
            if (node == Network.INPUT || layer == TfliteFloatGraph.INPUT) {
                if (node == layer) {
                    return null;
                }
                return node == Network.INPUT
                        ? "the network reads its input where the model has " + describe(model.layers().get(layer))
                        : "the network has " + describe(node) + " where the model reads its input";
            }
            Integer seen = map.get(node);
            if (seen != null) {
                return seen == layer ? null : "the residual connections differ: network layer '" + name(node)
                        + "' meets both " + model.layers().get(seen).label() + " and " + model.layers().get(layer).label();
            }
            if (map.containsValue(layer)) {
                return "the residual connections differ: " + model.layers().get(layer).label()
                        + " meets two network layers";
            }
            TfliteFloatGraph.Layer l = model.layers().get(layer);
            String diff = compare(node, l);
            if (diff != null) {
                return "network " + describe(node) + " differs from model " + describe(l) + ": " + diff;
            }
            map.put(node, layer);
            Node n = nodes.get(node);
            if (n.inputs().length == 1) {
                return match(n.input(0), l.inputs()[0], map);
            }
            // a residual sum: its two inputs may come in either order
            Map<Integer, Integer> first = new HashMap<>(map);
            String r = matchBoth(n.input(0), l.inputs()[0], n.input(1), l.inputs()[1], first);
            if (r == null) {
                map.putAll(first);
                return null;
            }
            Map<Integer, Integer> second = new HashMap<>(map);
            if (matchBoth(n.input(0), l.inputs()[1], n.input(1), l.inputs()[0], second) == null) {
                map.putAll(second);
                return null;
            }
            return r;
        }

        private String matchBoth(int n0, int l0, int n1, int l1, Map<Integer, Integer> map) {
            String r = match(n0, l0, map);
            return r != null ? r : match(n1, l1, map);
        }

        /** Dropout and flatten compute nothing at inference; the model has no operator for them. */
        private int skipViews(int node) {
            while (node != Network.INPUT) {
                Layer l = nodes.get(node).layer();
                if (!(l instanceof Dropout) && !(l instanceof Flatten)) {
                    break;
                }
                node = nodes.get(node).input(0);
            }
            return node;
        }

        private String name(int node) {
            return nodes.get(node).layer().name();
        }

        /** The first difference between a network node and a model layer, or null. */
        private String compare(int node, TfliteFloatGraph.Layer l) {
            Node n = nodes.get(node);
            Layer layer = n.layer();
            int[] out = l.outShape();
            if (layer instanceof ConvUnit u) {
                TfliteFloatGraph.Kind kind = switch (u.kind()) {
                    case CONV -> TfliteFloatGraph.Kind.CONV;
                    case DEPTHWISE -> TfliteFloatGraph.Kind.DEPTHWISE;
                    case DENSE -> TfliteFloatGraph.Kind.DENSE;
                };
                if (l.kind() != kind) {
                    return "layer type";
                }
                if (activation(u.activation()) != l.activation()) {
                    return "fused activation";
                }
                int[] in = l.inShape();
                if (u.kind() == ConvUnit.Kind.DENSE) {
                    if (u.inChannels() != in[0] * in[1] * in[2]) {
                        return "input size";
                    }
                    return node != freshHead && u.outChannels() != out[2] ? "output size" : null;
                }
                ConvGeometry g = u.geometry();
                if (g.inH() != in[0] || g.inW() != in[1] || u.inChannels() != in[2]) {
                    return "input shape";
                }
                if (g.kh() != l.kh() || g.kw() != l.kw()) {
                    return "kernel size";
                }
                if (g.strideH() != l.strideH() || g.strideW() != l.strideW()) {
                    return "stride";
                }
                if (g.dilH() != l.dilationH() || g.dilW() != l.dilationW()) {
                    return "dilation";
                }
                if (g.padTop() != l.padTop() || g.padLeft() != l.padLeft() || g.outH() != out[0] || g.outW() != out[1]) {
                    return "padding";
                }
                return u.outChannels() != out[2] ? "output channels" : null;
            }
            if (layer instanceof AvgPool || layer instanceof MaxPool) {
                boolean max = layer instanceof MaxPool;
                if (l.kind() != (max ? TfliteFloatGraph.Kind.MAX_POOL : TfliteFloatGraph.Kind.AVG_POOL)) {
                    return "layer type";
                }
                if (l.activation() != BuiltinOps.ACT_NONE) {
                    return "fused activation (the trainer's pools have none)";
                }
                ConvGeometry g = max ? ((MaxPool) layer).geometry() : ((AvgPool) layer).geometry();
                if (g.kh() != l.kh() || g.kw() != l.kw()) {
                    return "window size";
                }
                // a stride along an axis with one output has no effect
                if ((g.outH() > 1 && g.strideH() != l.strideH()) || (g.outW() > 1 && g.strideW() != l.strideW())) {
                    return "stride";
                }
                if (g.padTop() != l.padTop() || g.padLeft() != l.padLeft() || g.outH() != out[0] || g.outW() != out[1]
                        || n.channels() != out[2]) {
                    return "padding or shape";
                }
                return null;
            }
            if (layer instanceof Add a) {
                if (l.kind() != TfliteFloatGraph.Kind.ADD) {
                    return "layer type";
                }
                return activation(a.activation()) != l.activation() ? "fused activation" : null;
            }
            return "the network layer has no TFLite counterpart";
        }

        private static int activation(Activation a) {
            return switch (a) {
                case NONE -> BuiltinOps.ACT_NONE;
                case RELU -> BuiltinOps.ACT_RELU;
                case RELU6 -> BuiltinOps.ACT_RELU6;
            };
        }

        private String describe(int node) {
            Node n = nodes.get(node);
            Layer layer = n.layer();
            String shape = n.height() + "x" + n.width() + "x" + n.channels();
            if (layer instanceof ConvUnit u) {
                if (u.kind() == ConvUnit.Kind.DENSE) {
                    return String.format(Locale.ROOT, "layer '%s' (DENSE %d→%d, %s)", u.name(), u.inChannels(),
                            u.outChannels(), u.activation());
                }
                ConvGeometry g = u.geometry();
                return String.format(Locale.ROOT, "layer '%s' (%s %dx%d stride %dx%d dilation %dx%d, %dx%dx%d→%s, %s)",
                        u.name(), u.kind(), g.kh(), g.kw(), g.strideH(), g.strideW(), g.dilH(), g.dilW(), g.inH(),
                        g.inW(), u.inChannels(), shape, u.activation());
            }
            return "layer '" + layer.name() + "' (" + layer.getClass().getSimpleName() + ", output " + shape + ")";
        }

        private static String describe(TfliteFloatGraph.Layer l) {
            int[] i = l.inShape();
            int[] o = l.outShape();
            String act = switch (l.activation()) {
                case BuiltinOps.ACT_RELU -> "RELU";
                case BuiltinOps.ACT_RELU6 -> "RELU6";
                default -> "NONE";
            };
            if (l.kind() == TfliteFloatGraph.Kind.DENSE) {
                return String.format(Locale.ROOT, "%s (%d→%d, %s)", l.label(), i[0] * i[1] * i[2], o[2], act);
            }
            if (l.kind() == TfliteFloatGraph.Kind.ADD) {
                return String.format(Locale.ROOT, "%s (%dx%dx%d, %s)", l.label(), o[0], o[1], o[2], act);
            }
            return String.format(Locale.ROOT, "%s (%dx%d stride %dx%d dilation %dx%d, %dx%dx%d→%dx%dx%d, %s)", l.label(),
                    l.kh(), l.kw(), l.strideH(), l.strideW(), l.dilationH(), l.dilationW(), i[0], i[1], i[2], o[0], o[1],
                    o[2], act);
        }
    }
}
