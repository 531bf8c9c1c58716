package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.nn.Activation;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Losses;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Param;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Phase 2's gradient routing, dW = M ⊙ dW_student + dW_teacher, against central finite differences of
 * the whole phase-2 loss a·CE(y, s) + b·CE(y, t) + λ·T²·KL(t ‖ s), computed here from the two branches'
 * logits independently of the trainer. With a detached teacher the KL term sees the teacher's logits as
 * constants (what the trainer differentiates); with mutual distillation it is the plain full loss. The
 * student is not quantized here, so that the loss is differentiable and finite differences mean something.
 */
class Phase2GradientTest {
    private static final FeatureSet TRAIN = SyntheticFeatures.make(3, 20, 6, 5, 0.6, 1, 5);

    private static Network net() {
        return Network.builder("tiny", 6, 5, 1, 3).conv("c", 4, 3, 3, 1, 1, Activation.RELU)
                .globalAvgPool("p").dense("fc", 3);
    }

    private static double loss(Network net, PqkTrainer t, PqkConfig c, Tensor x, int[] y, Tensor fixedTeacher) {
        Tensor teacher = net.forward(x, new Pass(t.teacherBranch(), true, 1));
        Tensor student = net.forward(x, new Pass(t.studentBranch(2), true, 2));
        double kd = Losses.distillation(student, fixedTeacher != null ? fixedTeacher : teacher, c.temperature, null, null);
        return c.studentCeWeight * Losses.crossEntropy(student, y).loss()
                + c.teacherCeWeight * Losses.crossEntropy(teacher, y).loss() + c.distillWeight * kd;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void phase2GradientsAreThoseOfThePhase2Loss(boolean detach) {
        PqkConfig c = new PqkConfig();
        c.batchSize = 12;
        c.phase1Steps = 30;
        c.phase2Steps = 5;
        c.targetSparsity = 0.5;
        c.quantize = false;
        c.checkpointEvery = 0;
        c.detachTeacher = detach;
        c.temperature = 2.0;
        c.distillWeight = 0.7;
        c.studentCeWeight = 1.3;
        c.teacherCeWeight = 0.6;
        Network net = net();
        PqkTrainer t = new PqkTrainer(net, c, TRAIN, null, null);
        t.trainUntil(c.phase1Steps + 1); // into phase 2: masks set, the teacher's BatchNorm slot initialised
        int[] idx = new int[c.batchSize];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        TrainingSource.Batch batch = TRAIN.batch(0, idx, 0, idx.length);
        Tensor x = batch.x();
        int[] y = batch.labels();
        t.phase2Gradients(x, y);
        Tensor fixedTeacher = detach ? net.forward(x, new Pass(t.teacherBranch(), true, 1)) : null;

        int prunedChecked = 0;
        int keptChecked = 0;
        for (ConvUnit u : net.units()) {
            Param p = u.weightParam();
            float[] analytic = p.grad.clone();
            for (int i = 0; i < p.value.length; i++) {
                float orig = p.value[i];
                double err = Double.MAX_VALUE;
                double numeric = 0;
                // two step sizes: a ReLU kink inside one interval spoils that estimate but rarely both
                for (float h : new float[] {1e-2f, 3e-3f, 1e-3f}) {
                    p.value[i] = orig + h;
                    double lp = loss(net, t, c, x, y, fixedTeacher);
                    p.value[i] = orig - h;
                    double lm = loss(net, t, c, x, y, fixedTeacher);
                    p.value[i] = orig;
                    double est = (lp - lm) / (2 * h);
                    double e = Math.abs(est - analytic[i]) / Math.max(1e-2, Math.abs(est) + Math.abs(analytic[i]));
                    if (e < err) {
                        err = e;
                        numeric = est;
                    }
                }
                boolean pruned = u.mask()[i] == 0f;
                // relative error, or an absolute one below float noise for the smallest gradients
                assertTrue(err < 2e-2 || Math.abs(numeric - analytic[i]) < 5e-4, (pruned ? "pruned " : "kept ") + p.name + "[" + i + "]: trainer " + analytic[i]
                        + ", finite differences " + numeric + " (detach " + detach + ")");
                if (pruned) {
                    prunedChecked++;
                } else {
                    keptChecked++;
                }
            }
        }
        assertTrue(prunedChecked > 20 && keptChecked > 20, prunedChecked + " pruned, " + keptChecked + " kept");
    }

    @Test
    void duringTheTeachersWarmUpTheStudentDoesNotLearnFromIt() {
        PqkConfig c = new PqkConfig();
        c.batchSize = 12;
        c.phase1Steps = 30;
        c.phase2Steps = 4;
        c.targetSparsity = 0.5;
        c.quantize = false;
        c.checkpointEvery = 0;
        c.distillWeight = 0.7;
        c.teacherWarmup = 0.5; // phase-2 steps 0 and 1
        Network net = net();
        PqkTrainer t = new PqkTrainer(net, c, TRAIN, null, null);
        int[] idx = new int[c.batchSize];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        TrainingSource.Batch batch = TRAIN.batch(0, idx, 0, idx.length);
        t.trainUntil(c.phase1Steps + 1);
        float[] warm = gradients(net, t, batch);
        c.distillWeight = 0;
        assertArrayEquals(gradients(net, t, batch), warm, "warm-up: the phase-2 gradient is the one with λ = 0");
        c.distillWeight = 0.7;
        c.teacherWarmup = 0;
        assertFalse(Arrays.equals(gradients(net, t, batch), warm), "without warm-up λ = 0.7 changes the gradient");

        c.teacherWarmup = 0.5;
        t.trainUntil(c.phase1Steps + 2); // the first step after the warm-up
        float[] after = gradients(net, t, batch);
        c.teacherWarmup = 0;
        assertArrayEquals(gradients(net, t, batch), after, "after the warm-up the full loss applies");
    }

    private static float[] gradients(Network net, PqkTrainer t, TrainingSource.Batch batch) {
        t.phase2Gradients(batch.x(), batch.labels());
        float[] all = new float[0];
        for (ConvUnit u : net.units()) {
            float[] g = u.weightParam().grad;
            float[] next = Arrays.copyOf(all, all.length + g.length);
            System.arraycopy(g, 0, next, all.length, g.length);
            all = next;
        }
        return all;
    }
}
