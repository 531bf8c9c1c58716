package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every layer's backward pass against central finite differences of a random linear loss. */
class GradientCheckTest {

    private static Tensor randomInput(int n, int h, int w, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = new Tensor(n, h, w, c);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return t;
    }

    /** L = Σ r_i · logits_i computed in double for the numeric side. */
    private static double loss(Network net, Tensor x, float[] r, Branch branch) {
        Tensor out = net.forward(x, new Pass(branch, true, 7));
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) r[i] * out.data[i];
        }
        return s;
    }

    private static void check(Network net, Tensor x, Branch branch) {
        Pass pass = new Pass(branch, true, 7);
        Tensor out = net.forward(x, pass);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] r = new float[out.data.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        net.zeroGrad();
        net.backward(new Tensor(r.clone(), out.n, out.h, out.w, out.c), pass);
        for (Param p : net.params()) {
            int probes = Math.min(p.value.length, 12);
            for (int k = 0; k < probes; k++) {
                int i = (int) ((long) k * p.value.length / probes);
                float orig = p.value[i];
                // Two step sizes: a ReLU kink inside one interval spoils that estimate but rarely both.
                double err = Double.MAX_VALUE;
                double numeric = 0;
                for (float rel : new float[] {1e-3f, 1e-4f}) {
                    float h = rel * Math.max(1f, Math.abs(orig));
                    p.value[i] = orig + h;
                    double lp = loss(net, x, r, branch);
                    p.value[i] = orig - h;
                    double lm = loss(net, x, r, branch);
                    p.value[i] = orig;
                    double est = (lp - lm) / (2 * h);
                    double e = Math.abs(est - p.grad[i]) / Math.max(1.0, Math.abs(est) + Math.abs(p.grad[i]));
                    if (e < err) {
                        err = e;
                        numeric = est;
                    }
                }
                double analytic = p.grad[i];
                assertTrue(err < 2e-2, p.name + "[" + i + "]: analytic " + analytic + " numeric " + numeric);
            }
        }
    }

    @Test
    void convWithBatchNormAndRelu() {
        Network net = Network.builder("t", 7, 6, 2, 1)
                .conv("c", 3, 3, 2, 2, 1, Activation.RELU)
                .globalAvgPool("p").dense("fc", 4);
        check(net, randomInput(3, 7, 6, 2, 11), Branch.FLOAT);
    }

    @Test
    void depthwiseAndPointwise() {
        Network net = Network.builder("t", 6, 5, 3, 2)
                .depthwise("dw", 3, 3, 1, 1, Activation.RELU)
                .conv("pw", 4, 1, 1, 1, 1, Activation.RELU6)
                .globalAvgPool("p").dense("fc", 3);
        check(net, randomInput(4, 6, 5, 3, 12), Branch.FLOAT);
    }

    @Test
    void stridedDepthwiseLinear() {
        Network net = Network.builder("t", 7, 7, 2, 3)
                .depthwise("dw", 3, 2, 2, 2, Activation.NONE)
                .globalAvgPool("p").dense("fc", 2);
        check(net, randomInput(2, 7, 7, 2, 13), Branch.FLOAT);
    }

    @Test
    void frozenBatchNormStudentBranchWithoutQuantization() {
        Network net = Network.builder("t", 5, 4, 2, 4)
                .conv("c", 3, 3, 3, 1, 1, Activation.RELU)
                .depthwise("dw", 3, 3, 1, 1, Activation.RELU)
                .globalAvgPool("p").dense("fc", 3);
        Tensor x = randomInput(3, 5, 4, 2, 14);
        net.forward(x, new Pass(Branch.FLOAT, true, 1)); // give the running statistics values
        for (ConvUnit u : net.units()) {
            java.util.Arrays.fill(u.mask(), 0, u.mask().length / 3, 0f);
        }
        check(net, x, new Branch(true, false, false, Branch.STUDENT_SLOT, true));
    }

    @Test
    void dropoutIsDeterministicPerSeed() {
        Network net = Network.builder("t", 4, 4, 2, 5)
                .conv("c", 3, 3, 3, 1, 1, Activation.RELU)
                .dropout("d", 0.3f)
                .globalAvgPool("p").dense("fc", 3);
        check(net, randomInput(2, 4, 4, 2, 15), Branch.FLOAT);
    }

    @Test
    void convWithValidPaddingStrideAndDilation() {
        Network net = Network.builder("t", 9, 8, 2, 6)
                .conv("c", ConvSpec.of(3, 3, 2).stride(2, 1).dilation(2, 2).padding(PaddingMode.VALID))
                .globalAvgPool("p").dense("fc", 3);
        check(net, randomInput(3, 9, 8, 2, 16), Branch.FLOAT);
    }

    @Test
    void convWithBiasInsteadOfBatchNormAndRelu6() {
        Network net = Network.builder("t", 6, 6, 2, 7)
                .conv("c", ConvSpec.of(4, 3, 3).batchNorm(false).activation(Activation.RELU6))
                .conv("c2", ConvSpec.of(3, 1, 1).batchNorm(false).activation(Activation.NONE))
                .globalAvgPool("p").dense("fc", 3);
        check(net, randomInput(2, 6, 6, 2, 17), Branch.FLOAT);
    }

    @Test
    void dilatedDepthwise() {
        Network net = Network.builder("t", 9, 7, 3, 8)
                .depthwise("dw", ConvSpec.of(0, 3, 3).dilation(2, 3).activation(Activation.RELU))
                .globalAvgPool("p").dense("fc", 2);
        check(net, randomInput(3, 9, 7, 3, 18), Branch.FLOAT);
    }

    @Test
    void windowedAveragePoolingWithPartialWindows() {
        Network net = Network.builder("t", 7, 6, 2, 9)
                .conv("c", ConvSpec.of(3, 3, 3))
                .avgPool("ap", 3, 3, 2, 2, PaddingMode.SAME)
                .flatten("f").dense("fc", 3);
        check(net, randomInput(3, 7, 6, 2, 19), Branch.FLOAT);
    }

    @Test
    void maxPoolingFlattenAndHiddenDense() {
        Network net = Network.builder("t", 8, 7, 2, 10)
                .conv("c", ConvSpec.of(3, 3, 3))
                .maxPool("mp", 2, 2, 2, 2, PaddingMode.VALID)
                .conv("c2", ConvSpec.of(4, 3, 3))
                .maxPool("mp2", 3, 3, 2, 2, PaddingMode.SAME)
                .flatten("f").fc("hidden", 5, Activation.RELU).dense("fc", 3);
        check(net, randomInput(3, 8, 7, 2, 20), Branch.FLOAT);
    }

    @Test
    void residualAddWithIdentityAndProjectionShortcuts() {
        NetworkBuilder b = Network.builder("t", 8, 6, 2, 11).conv("c0", ConvSpec.of(4, 3, 3));
        int block1 = b.current();
        b.conv("c1", ConvSpec.of(4, 3, 3)).conv("c2", ConvSpec.of(4, 3, 3).activation(Activation.NONE))
                .add("add1", block1, Activation.RELU);
        int block2 = b.current();
        b.conv("c3", ConvSpec.of(5, 3, 3).stride(2, 2)).conv("c4", ConvSpec.of(5, 3, 3).activation(Activation.NONE));
        int main = b.current();
        b.from(block2).conv("proj", ConvSpec.of(5, 1, 1).stride(2, 2).batchNorm(false).activation(Activation.NONE))
                .add("add2", main, Activation.RELU);
        Network net = b.globalAvgPool("p").dense("fc", 3);
        check(net, randomInput(3, 8, 6, 2, 21), Branch.FLOAT);
    }

    @Test
    void residualAddWithoutActivationFeedsTwoReaders() {
        // c0's output is read by c1 and by the add: its gradient is the sum of both paths.
        NetworkBuilder b = Network.builder("t", 5, 5, 1, 12).conv("c0", ConvSpec.of(3, 3, 3).activation(Activation.NONE));
        int skip = b.current();
        b.conv("c1", ConvSpec.of(3, 3, 3)).add("add", skip, Activation.NONE);
        Network net = b.flatten("f").dense("fc", 2);
        check(net, randomInput(4, 5, 5, 1, 22), Branch.FLOAT);
    }
}
