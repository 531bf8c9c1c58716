package io.pqkmcu.trainer.train;

import io.pqkmcu.model.ModelFormatException;
import io.pqkmcu.model.tflite.SharedOracle;
import io.pqkmcu.model.tflite.TfliteFloatGraph;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.pqk.BatchNormReestimation;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pqk train --init}: a trainer network started from a .tflite model's weights computes, before any
 * training step, what the model computes — checked against the TFLite Micro oracle's int8 logits of the
 * MLPerf Tiny reference models — and a model of another architecture is refused with the difference.
 */
class TfliteInitTest {
    private static final String KWS = "kws_ref_model";

    /** The oracle's input quantization of a model (manifest columns in_scale, in_zero_point). */
    private static ActQuant inputQuant(String model) {
        try {
            List<String> rows = Files.readAllLines(SharedOracle.oracle(model).resolve("manifest.tsv"));
            List<String> head = Arrays.asList(rows.get(0).split("\t"));
            String[] first = rows.get(1).split("\t");
            return new ActQuant(Double.parseDouble(first[head.indexOf("in_scale")]),
                    Integer.parseInt(first[head.indexOf("in_zero_point")]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The oracle's top class of case k: argmax of the int8 FULLY_CONNECTED logits (before the saturating softmax). */
    private static int oracleTop(String model, int k) {
        SharedOracle.Layer fc = null;
        for (SharedOracle.Layer l : SharedOracle.layers(model)) {
            if (l.opName().equals("FULLY_CONNECTED")) {
                fc = l;
            }
        }
        byte[] all = SharedOracle.read(SharedOracle.oracle(model).resolve("layers_" + k + ".bin"));
        int best = 0;
        for (int i = 1; i < fc.bytes(); i++) {
            if (all[fc.offset() + i] > all[fc.offset() + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Runs every oracle input (dequantized) through the float network; returns the top class per case. */
    private static int[] networkTop(Network net, String model, Branch branch) {
        ActQuant q = inputQuant(model);
        int n = SharedOracle.cases(model);
        int[] top = new int[n];
        for (int k = 0; k < n; k++) {
            byte[] in = SharedOracle.read(SharedOracle.oracle(model).resolve("in_" + k + ".bin"));
            Tensor x = FeatureSet.dequantize(new byte[][] {in}, net.inputHeight(), net.inputWidth(), net.inputChannels(), q);
            float[] logits = net.forward(x, Pass.eval(branch)).data;
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            top[k] = best;
        }
        return top;
    }

    private static int agreement(Network net, String oracleModel, Branch branch) {
        int[] top = networkTop(net, oracleModel, branch);
        int agree = 0;
        for (int k = 0; k < top.length; k++) {
            agree += top[k] == oracleTop(oracleModel, k) ? 1 : 0;
        }
        return agree;
    }

    private static Network dsCnn(int classes) {
        return Architectures.build("ds-cnn", 49, 10, 1, classes, 7);
    }

    /** The QAT student as training starts: masked, int8 weights and activations, frozen BatchNorm. */
    private static Branch student(Network net) {
        net.quantControl().setActivationsActive(true);
        return Branch.student(true, true);
    }

    /**
     * The MLPerf KWS hybrid model (int8 conv weights, float activations) started as a ds-cnn. The oracle's
     * synthetic inputs drive the int8 reference far outside its activation ranges (its logits saturate at
     * −128 and 127), so the float network alone agrees on few of them; with the int8 deployment's
     * activation ranges — what the student's fake quantization applies — it must agree on most.
     */
    @Test
    void hybridKwsModelAgreesWithTheInt8ReferenceBeforeTraining() {
        TfliteFloatGraph g = TfliteFloatGraph.read(SharedOracle.model("kws_ref_model_float32"));
        Network net = dsCnn(12);
        int random = agreement(net, KWS, Branch.FLOAT);
        PretrainedInit.Result r = PretrainedInit.load(g, net, false);
        assertEquals(List.of("conv1", "dw1", "pw1", "dw2", "pw2", "dw3", "pw3", "dw4", "pw4", "fc"), r.loaded());
        assertEquals(List.of(), r.fresh());
        assertEquals(List.of(), r.ranges(), "a hybrid model has no activation ranges");
        int inFloat = agreement(net, KWS, Branch.FLOAT);
        assertEquals(10, PretrainedInit.seedActivationRanges(TfliteFloatGraph.read(SharedOracle.model(KWS)), net).size());
        int cases = SharedOracle.cases(KWS);
        int asStudent = agreement(net, KWS, student(net));
        assertTrue(asStudent * 4 >= cases * 3, "the started student agrees on " + asStudent + " of " + cases
                + " (in float: " + inFloat + ", random initialisation: " + random + ")");
    }

    @Test
    void int8KwsModelStartsAsItsOwnOracle() {
        Network net = dsCnn(12);
        PretrainedInit.Result r = PretrainedInit.load(TfliteFloatGraph.read(SharedOracle.model(KWS)), net, false);
        assertEquals(r.loaded(), r.ranges(), "an int8 model gives every layer its activation range");
        int cases = SharedOracle.cases(KWS);
        int agree = agreement(net, KWS, student(net));
        assertTrue(agree >= cases - 1, "agrees on " + agree + " of " + cases);
    }

    @Test
    void int8ResNetLoadsIntoTheResnet8PresetAndAgrees() {
        String model = "pretrainedResnet_quant";
        Network net = Architectures.build("resnet8", 32, 32, 3, 10, 7);
        PretrainedInit.Result r = PretrainedInit.load(TfliteFloatGraph.read(SharedOracle.model(model)), net, false);
        assertEquals(net.units().size(), r.loaded().size(), "every weighted layer loads: " + r);
        int cases = SharedOracle.cases(model);
        int agree = agreement(net, model, student(net));
        assertTrue(agree >= cases - 1, "agrees on " + agree + " of " + cases);
    }

    @Test
    void batchNormReestimationKeepsTheInferenceFunction() {
        Network net = dsCnn(12);
        PretrainedInit.load(TfliteFloatGraph.read(SharedOracle.model("kws_ref_model_float32")), net, false);
        ActQuant q = inputQuant(KWS);
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 64;
        byte[][] rows = new byte[n][490];
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 490; j++) {
                rows[i][j] = (byte) rnd.nextInt(-128, 128);
            }
            names.add("r" + i);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            classes.add("c" + c);
        }
        FeatureSet data = new FeatureSet(classes, rows, labels, names, 49, 10, 1, q);
        Tensor x = FeatureSet.dequantize(new byte[][] {rows[0], rows[1]}, 49, 10, 1, q);
        float[] before = net.forward(x, Pass.eval(Branch.FLOAT)).data;
        assertEquals(n, BatchNormReestimation.run(net, data, 4, 16, 1));
        float[] after = net.forward(x, Pass.eval(Branch.FLOAT)).data;
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], 1e-3 * (1 + Math.abs(before[i])), "logit " + i);
        }
        // and training-mode batch statistics now start near the same function (not renormalised to unit variance)
        float[] train = net.forward(FeatureSet.dequantize(Arrays.copyOf(rows, 16), 49, 10, 1, q),
                new Pass(Branch.FLOAT, true, 0)).data;
        float[] eval = net.forward(FeatureSet.dequantize(Arrays.copyOf(rows, 16), 49, 10, 1, q),
                Pass.eval(Branch.FLOAT)).data;
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < eval.length; i++) {
            diff += Math.abs(train[i] - eval[i]);
            norm += Math.abs(eval[i]);
        }
        assertTrue(diff < 0.25 * norm, "train-mode logits differ from inference by " + diff / norm + " of their size");
    }

    @Test
    void anotherClassCountStartsANewClassifier() {
        Network net = dsCnn(4);
        PretrainedInit.Result r = PretrainedInit.load(TfliteFloatGraph.read(SharedOracle.model(KWS)), net, false);
        assertEquals(List.of("fc"), r.fresh());
        assertEquals(9, r.loaded().size());
        assertEquals(List.of("fc"), PretrainedInit.load(TfliteFloatGraph.read(SharedOracle.model(KWS)), dsCnn(12), true)
                .fresh());
    }

    /** The MLPerf KWS classes in the model's order, and the same classes in the data's (Speech Commands) order. */
    private static final List<String> MLPERF = List.of("down", "go", "left", "no", "off", "on", "right", "stop", "up",
            "yes", "silence", "unknown");

    @Test
    void classNamesReorderTheClassifierRows() {
        TfliteFloatGraph kws = TfliteFloatGraph.read(SharedOracle.model(KWS));
        Network plain = dsCnn(12);
        PretrainedInit.load(kws, plain, false);
        List<String> data = List.of("_silence_", "_unknown_", "yes", "no", "up", "down", "left", "right", "on", "off",
                "stop", "go");
        Network renamed = dsCnn(12);
        PretrainedInit.Result r = PretrainedInit.load(kws, renamed, false, MLPERF, data);
        assertEquals(List.of(), r.newClasses());
        assertEquals(10, r.ranges().size(), "a full permutation keeps the classifier's int8 range");
        Tensor x = FeatureSet.dequantize(new byte[][] {SharedOracle.read(SharedOracle.oracle(KWS).resolve("in_8.bin"))},
                49, 10, 1, inputQuant(KWS));
        float[] a = plain.forward(x, Pass.eval(Branch.FLOAT)).data;
        float[] b = renamed.forward(x, Pass.eval(Branch.FLOAT)).data;
        for (int c = 0; c < data.size(); c++) {
            assertEquals(a[MLPERF.indexOf(data.get(c).replace("_", ""))], b[c], 1e-4, data.get(c));
        }
        // a task with a new word: its row stays random, the classifier's range is observed in training
        Network fresh = dsCnn(3);
        PretrainedInit.Result p = PretrainedInit.load(kws, fresh, false, MLPERF, List.of("yes", "marvin", "no"));
        assertEquals(List.of("marvin"), p.newClasses());
        assertEquals(9, p.ranges().size());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PretrainedInit.load(kws, dsCnn(2), false, MLPERF, List.of("alpha", "bravo")));
        assertTrue(none.getMessage().contains("none of the model's classes"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PretrainedInit.load(kws, dsCnn(12), false,
                MLPERF.subList(0, 11), data));
    }

    @Test
    void otherArchitecturesAreRefusedWithTheDifference() {
        TfliteFloatGraph kws = TfliteFloatGraph.read(SharedOracle.model(KWS));
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> PretrainedInit.load(kws, Architectures.build("ds-cnn-tiny", 49, 10, 1, 12, 1), false));
        assertTrue(narrow.getMessage().contains("not a ds-cnn-tiny network"), narrow.getMessage());
        assertTrue(narrow.getMessage().contains("output channels") || narrow.getMessage().contains("input"),
                narrow.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> PretrainedInit.load(kws, Architectures.build("ds-cnn", 49, 40, 1, 12, 1), false));
        assertTrue(shape.getMessage().contains("model's input is 49x10x1"), shape.getMessage());
        IllegalArgumentException resnet = assertThrows(IllegalArgumentException.class,
                () -> PretrainedInit.load(TfliteFloatGraph.read(SharedOracle.model("pretrainedResnet_quant")),
                        Architectures.build("fmnist-cnn", 32, 32, 3, 10, 1), false));
        assertTrue(resnet.getMessage().contains("not a fmnist-cnn network"), resnet.getMessage());
    }

    @Test
    void truncatedAndUnsupportedModelsAreRefused() {
        byte[] kws = SharedOracle.read(SharedOracle.model(KWS));
        ModelFormatException cut = assertThrows(ModelFormatException.class,
                () -> TfliteFloatGraph.fromBytes(Arrays.copyOf(kws, kws.length / 3)));
        assertTrue(cut.getMessage() != null && !cut.getMessage().isBlank());
        // the streaming wake-word model's RESHAPE/… graph loads, but no preset has its shape
        TfliteFloatGraph sww = TfliteFloatGraph.read(SharedOracle.model("str_ww_ref_model"));
        assertThrows(IllegalArgumentException.class, () -> PretrainedInit.load(sww, dsCnn(12), false));
    }
}
