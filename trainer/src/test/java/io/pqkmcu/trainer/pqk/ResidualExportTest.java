package io.pqkmcu.trainer.pqk;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.OpKind;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Activation;
import io.pqkmcu.trainer.nn.ConvSpec;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.NetworkBuilder;
import io.pqkmcu.trainer.nn.Node;
import io.pqkmcu.trainer.nn.PaddingMode;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A residual network with max pooling, PQK-trained and exported: the int8 graph has ADD and MAX_POOL_2D
 * ops and agrees with the fake-quantized student, layer by layer.
 */
class ResidualExportTest {
    private static final FeatureSet TRAIN = SyntheticFeatures.make(4, 60, 12, 6, 0.6, 1, 99);
    private static final FeatureSet VAL = SyntheticFeatures.make(4, 25, 12, 6, 0.6, 2, 99);
    private static Network net;
    private static PqkTrainer trainer;
    private static Int8Model model;

    static Network miniResNet() {
        NetworkBuilder b = Network.builder("mini-res", 12, 6, 1, 3).conv("conv0", ConvSpec.of(8, 3, 3));
        int in = b.current();
        b.conv("c1", ConvSpec.of(8, 3, 3)).conv("c2", ConvSpec.of(8, 3, 3).activation(Activation.NONE))
                .add("add1", in, Activation.RELU).maxPool("mp", 2, 2, 2, 2, PaddingMode.VALID);
        int in2 = b.current();
        b.conv("c3", ConvSpec.of(12, 3, 3).stride(2, 2)).conv("c4", ConvSpec.of(12, 3, 3).activation(Activation.NONE));
        int main = b.current();
        b.from(in2).conv("proj", ConvSpec.of(12, 1, 1).stride(2, 2).batchNorm(false).activation(Activation.NONE))
                .add("add2", main, Activation.RELU);
        return b.flatten("flat").dense("fc", 4);
    }

    @BeforeAll
    static void train() {
        PqkConfig c = new PqkConfig();
        c.batchSize = 20;
        c.phase1Steps = 150;
        c.phase2Steps = 60;
        c.targetSparsity = 0.5;
        c.checkpointEvery = 0;
        net = miniResNet();
        trainer = new PqkTrainer(net, c, TRAIN, VAL, null);
        trainer.train();
        model = ModelFile.fromBytes(ModelFile.toBytes(
                Int8Exporter.export(net, TRAIN.inputQuant(), TRAIN.classNames(), null, "mini_res", new TreeMap<>())));
    }

    @Test
    void theInt8GraphHasAddAndMaxPoolAndAgreesWithTheStudent() {
        List<OpKind> kinds = model.ops().stream().map(o -> o.kind()).toList();
        assertEquals(2, kinds.stream().filter(k -> k == OpKind.ADD).count(), kinds.toString());
        assertEquals(1, kinds.stream().filter(k -> k == OpKind.MAX_POOL_2D).count(), kinds.toString());
        Int8Interpreter interp = new Int8Interpreter(model);
        double student = Evaluator.evaluate(net, VAL, trainer.studentBranch(2)).accuracy();
        int[] predictions = Evaluator.evaluate(net, VAL, trainer.studentBranch(2)).predictions();
        int agree = 0;
        int correct = 0;
        for (int i = 0; i < VAL.size(); i++) {
            int p = Int8Interpreter.argmax(interp.run(VAL.inputs()[i]));
            agree += p == predictions[i] ? 1 : 0;
            correct += p == VAL.labels()[i] ? 1 : 0;
        }
        assertTrue(student > 0.85, "student accuracy " + student);
        assertTrue(agree >= VAL.size() * 0.95, agree + "/" + VAL.size() + " int8 predictions equal the student's");
        assertTrue(Math.abs((double) correct / VAL.size() - student) <= 0.04, "int8 " + correct + " vs student " + student);
    }

    /**
     * "Fake-quant rounding identical to the integer path": every layer of the student, fed the int8
     * interpreter's input to that layer, must produce the interpreter's int8 output codes up to one
     * step. They are not bit-identical because the float path accumulates in float32 (the int8 path
     * sums exact int32 products), the int8 path approximates the rescale by a Q31 multiplier and rounds
     * the bias to int32, and an output that lands within float error of a rounding midpoint rounds
     * either way. Chained through the whole network the off-by-ones can compound; we report both.
     */
    @Test
    void fakeQuantizedActivationsMatchTheInterpreterWithinOneStep() {
        Int8Interpreter interp = new Int8Interpreter(model);
        List<Node> nodes = net.nodes();
        Pass eval = Pass.eval(trainer.studentBranch(2));
        long total = 0;
        long localExact = 0;
        long localWithinOne = 0;
        long chainedExact = 0;
        long chainedWithinOne = 0;
        StringBuilder report = new StringBuilder();
        for (int e = 0; e < VAL.size(); e++) {
            byte[][] ints = interp.runAll(VAL.inputs()[e]);
            Tensor x = VAL.batch(new int[] {e}, 0, 1);
            Tensor[] chained = net.forwardNodes(x, eval);
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                TensorSpec spec = tensorNamed(node.layer().name());
                if (spec == null) {
                    continue; // dropout, flatten: no int8 tensor of their own
                }
                Tensor[] in = new Tensor[node.layer().arity()];
                for (int k = 0; k < in.length; k++) {
                    in[k] = dequantized(inputSpec(node, k), ints);
                }
                Tensor local = node.layer().forwardNode(in, eval);
                byte[] want = ints[spec.id()];
                for (int j = 0; j < want.length; j++) {
                    int dl = Math.abs(code(local.data[j], spec) - want[j]);
                    int dc = Math.abs(code(chained[i].data[j], spec) - want[j]);
                    total++;
                    localExact += dl == 0 ? 1 : 0;
                    localWithinOne += dl <= 1 ? 1 : 0;
                    chainedExact += dc == 0 ? 1 : 0;
                    chainedWithinOne += dc <= 1 ? 1 : 0;
                }
            }
        }
        report.append(String.format(Locale.ROOT, "%d activations: per layer %.3f%% exact, %.3f%% within 1; "
                        + "through the network %.3f%% exact, %.3f%% within 1", total, 100.0 * localExact / total,
                100.0 * localWithinOne / total, 100.0 * chainedExact / total, 100.0 * chainedWithinOne / total));
        System.out.println("fake-quant vs int8 interpreter: " + report);
        assertEquals(total, localWithinOne, report.toString());
        assertTrue(localExact >= total * 0.99, report.toString());
        assertTrue(chainedWithinOne >= total * 0.97, report.toString());
    }

    private static TensorSpec tensorNamed(String name) {
        for (TensorSpec t : model.tensors()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The int8 tensor a node reads as input k: its producer's, looking through layers without a tensor. */
    private static TensorSpec inputSpec(Node node, int k) {
        int src = node.input(k);
        while (src != Network.INPUT) {
            Node n = net.nodes().get(src);
            TensorSpec t = tensorNamed(n.layer().name());
            if (t != null) {
                return t;
            }
            src = n.input(0);
        }
        return model.input();
    }

    private static Tensor dequantized(TensorSpec spec, byte[][] ints) {
        byte[] q = ints[spec.id()];
        float[] v = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            v[i] = (float) (spec.scale() * (q[i] - spec.zeroPoint()));
        }
        return new Tensor(v, 1, spec.height(), spec.width(), spec.channels());
    }

    private static int code(float v, TensorSpec spec) {
        return (int) Math.max(-128, Math.min(127, Math.round(v / spec.scale()) + spec.zeroPoint()));
    }

}
