package io.pqkmcu.trainer.pqk;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.interp.Int8Interpreter;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.quant.ActQuant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PqkTrainerTest {
    private static final FeatureSet TRAIN = SyntheticFeatures.make(4, 60, 12, 6, 0.6, 1, 99);
    private static final FeatureSet VAL = SyntheticFeatures.make(4, 25, 12, 6, 0.6, 2, 99);

    private static PqkConfig smallConfig() {
        PqkConfig c = new PqkConfig();
        c.batchSize = 20;
        c.phase1Steps = 120;
        c.phase2Steps = 60;
        c.targetSparsity = 0.6;
        c.checkpointEvery = 50;
        return c;
    }

    private static Network net() {
        return Architectures.build("ds-cnn-tiny", 12, 6, 4, 7);
    }

    private static double int8Accuracy(Int8Model model, FeatureSet set) {
        Int8Interpreter interp = new Int8Interpreter(model);
        int ok = 0;
        for (int i = 0; i < set.size(); i++) {
            if (Int8Interpreter.argmax(interp.run(set.inputs()[i])) == set.labels()[i]) {
                ok++;
            }
        }
        return (double) ok / set.size();
    }

    @Test
    void pqkLearnsPrunesAndExportsAnInt8ModelThatAgreesWithTheStudent(@TempDir Path dir) {
        Network net = net();
        PqkTrainer t = new PqkTrainer(net, smallConfig(), TRAIN, VAL, dir.resolve("ck.pqkc"));
        t.train();
        double student = Evaluator.evaluate(net, VAL, t.studentBranch(2)).accuracy();
        double teacher = Evaluator.evaluate(net, VAL, t.teacherBranch()).accuracy();
        assertTrue(student > 0.9, "student accuracy " + student);
        assertTrue(teacher > 0.9, "teacher accuracy " + teacher);
        for (ConvUnit u : net.units()) {
            int pruned = 0;
            for (float m : u.mask()) {
                pruned += m == 0f ? 1 : 0;
            }
            double expected = u.kind() == ConvUnit.Kind.DEPTHWISE ? 0.0 : 0.6; // depthwise is not pruned by default
            assertEquals(expected, (double) pruned / u.mask().length, 0.05, u.name());
        }
        Int8Model model = Int8Exporter.export(net, TRAIN.inputQuant(), TRAIN.classNames(), null, "toy", new TreeMap<>());
        Int8Model reread = ModelFile.fromBytes(ModelFile.toBytes(model));
        double int8 = int8Accuracy(reread, VAL);
        assertTrue(Math.abs(int8 - student) <= 0.03, "int8 " + int8 + " vs fake-quant student " + student);
        assertTrue(model.ops().get(2).weights().sparsity() >= 0.55, "pw1 ships sparse");
    }

    /**
     * A finished run resumed from its final checkpoint (what {@code pqk ablate --resume} and {@code pqk train
     * --resume} do) runs no step, so nothing sets the quantization state a step would: the student then evaluated
     * with float activations, 0.1-0.7 points off the run's own figure on KWS.
     */
    @Test
    void aRunResumedAtItsEndEvaluatesItsStudentAsTheFinishedRunDid(@TempDir Path dir) {
        Network whole = net();
        Path ck = dir.resolve("ck.pqkc");
        PqkTrainer finished = new PqkTrainer(whole, smallConfig(), TRAIN, VAL, ck);
        finished.train();
        float[] want = whole.forward(VAL.batch(indices(VAL.size()), 0, VAL.size()),
                io.pqkmcu.trainer.nn.Pass.eval(finished.studentBranch(2))).data;

        Network again = net();
        PqkTrainer resumed = new PqkTrainer(again, smallConfig(), TRAIN, VAL, ck);
        resumed.resume(Checkpoint.read(ck));
        resumed.train();
        float[] got = again.forward(VAL.batch(indices(VAL.size()), 0, VAL.size()),
                io.pqkmcu.trainer.nn.Pass.eval(resumed.studentBranch(2))).data;
        assertArrayEquals(want, got);
    }

    private static int[] indices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    @Test
    void resumingFromACheckpointReproducesTheUninterruptedRun(@TempDir Path dir) throws java.io.IOException {
        Network whole = net();
        Path wholeCk = dir.resolve("whole.pqkc");
        PqkTrainer wholeTrainer = new PqkTrainer(whole, smallConfig(), TRAIN, VAL, wholeCk);
        wholeTrainer.train();

        Path ck = dir.resolve("ck.pqkc");
        new PqkTrainer(net(), smallConfig(), TRAIN, VAL, ck).trainUntil(150); // interrupted in phase 2
        assertEquals(150, Checkpoint.read(ck).step);

        Network resumedNet = net();
        PqkTrainer resumed = new PqkTrainer(resumedNet, smallConfig(), TRAIN, VAL, ck);
        resumed.resume(Checkpoint.read(ck));
        resumed.train();
        for (int i = 0; i < whole.units().size(); i++) {
            assertArrayEquals(whole.units().get(i).weights(), resumedNet.units().get(i).weights());
            assertArrayEquals(whole.units().get(i).mask(), resumedNet.units().get(i).mask());
        }
        // the running loss and accuracy (an EMA) travel in the checkpoint: history and checkpoint are identical too
        assertEquals(wholeTrainer.history(), resumed.history());
        assertArrayEquals(java.nio.file.Files.readAllBytes(wholeCk), java.nio.file.Files.readAllBytes(ck));
    }

    @Test
    void depthwiseLayersArePrunedOnlyWhenAskedAndExcludedLayersNever() {
        PqkConfig c = smallConfig();
        c.phase1Steps = 40;
        c.phase2Mode = PqkConfig.Phase2Mode.NONE;
        c.pruneDepthwise = true;
        c.excludedLayers = java.util.List.of("fc");
        Network net = net();
        new PqkTrainer(net, c, TRAIN, VAL, null).train();
        for (ConvUnit u : net.units()) {
            int pruned = 0;
            for (float m : u.mask()) {
                pruned += m == 0f ? 1 : 0;
            }
            assertEquals(u.name().equals("fc") ? 0.0 : 0.6, (double) pruned / u.mask().length, 0.05, u.name());
        }
    }

    @Test
    void pruningThatEndsWithPhase1StillReachesTheTarget() {
        PqkConfig c = smallConfig();
        c.phase1Steps = 40;
        c.phase2Mode = PqkConfig.Phase2Mode.NONE;
        c.pruneEnd = 1.0; // the last update is due at step 40, the first step that would belong to phase 2
        c.pruneInterval = 7;
        Network net = net();
        new PqkTrainer(net, c, TRAIN, VAL, null).train();
        for (ConvUnit u : net.units()) {
            int pruned = 0;
            for (float m : u.mask()) {
                pruned += m == 0f ? 1 : 0;
            }
            int expected = u.kind() == ConvUnit.Kind.DEPTHWISE ? 0 : (int) Math.floor(0.6 * u.mask().length);
            assertEquals(expected, pruned, u.name());
        }
    }

    @Test
    void freezingBatchNormInPhase1CannotBeUndoneInPhase2() {
        PqkConfig c = smallConfig();
        c.freezeBatchNormAt = 0.5;
        c.freezeStudentBatchNorm = false; // --student-batch-stats
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::validate);
        assertTrue(e.getMessage().contains("--freeze-bn-at") && e.getMessage().contains("--student-batch-stats"),
                e.getMessage());
        c.freezeBatchNormAt = 1.0;
        c.validate(); // batch statistics throughout are fine
    }

    @Test
    void resumeRefusesOtherSettings(@TempDir Path dir) {
        Network n = net();
        new PqkTrainer(n, smallConfig(), TRAIN, VAL, dir.resolve("ck.pqkc")).train();
        PqkConfig other = smallConfig();
        other.temperature = 2.0;
        PqkTrainer t = new PqkTrainer(net(), other, TRAIN, VAL, null);
        Checkpoint ck = Checkpoint.read(dir.resolve("ck.pqkc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.resume(ck));
        assertTrue(e.getMessage().contains("different settings"), e.getMessage());
    }

    @Test
    void aPhase1CheckpointResumesUnderOtherPhase2SettingsButNotOtherPhase1Settings(@TempDir Path dir) {
        Path ck = dir.resolve("ck.pqkc");
        new PqkTrainer(net(), smallConfig(), TRAIN, VAL, ck).trainUntil(smallConfig().phase1Steps);
        Checkpoint phase1 = Checkpoint.read(ck);
        assertEquals(smallConfig().phase1Fingerprint(), phase1.fingerprint, "a phase-1 checkpoint records the phase-1 "
                + "settings only");

        PqkConfig finetune = smallConfig();
        finetune.phase2Mode = PqkConfig.Phase2Mode.FINETUNE;
        finetune.temperature = 2.0;
        PqkTrainer t = new PqkTrainer(net(), finetune, TRAIN, VAL, null);
        t.resume(phase1);
        assertEquals(smallConfig().phase1Steps, t.step());

        PqkConfig otherLr = smallConfig();
        otherLr.phase1Lr = 1e-3f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PqkTrainer(net(), otherLr, TRAIN, VAL, null).resume(phase1));
        assertTrue(e.getMessage().contains("different settings (checkpoint phase1Lr=0.002, now phase1Lr=0.001)"),
                e.getMessage());

        new PqkTrainer(net(), smallConfig(), TRAIN, VAL, ck).trainUntil(smallConfig().phase1Steps + 1);
        Checkpoint phase2 = Checkpoint.read(ck);
        assertEquals(smallConfig().fingerprint(), phase2.fingerprint, "from phase 2 on, every setting");
        e = assertThrows(IllegalArgumentException.class,
                () -> new PqkTrainer(net(), finetune, TRAIN, VAL, null).resume(phase2));
        assertTrue(e.getMessage().contains("checkpoint temperature=1.0, now temperature=2.0"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessage() {
        // Inputs that dequantize to infinity make the loss NaN on the first step.
        FeatureSet broken = new FeatureSet(TRAIN.classNames(), TRAIN.inputs(), TRAIN.labels(), TRAIN.names(),
                TRAIN.height(), TRAIN.width(), TRAIN.channels(), new ActQuant(1e38, 0));
        PqkTrainer t = new PqkTrainer(net(), smallConfig(), broken, VAL, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
        assertTrue(e.getMessage().contains("lower learning rate"), e.getMessage());
    }

    /** A residual network with max pooling, trained with SGD, a step schedule and warm-up. */
    private static PqkConfig sgdConfig() {
        PqkConfig c = smallConfig();
        c.phase1Steps = 60;
        c.phase2Steps = 30;
        c.optimizer = PqkConfig.OptimizerKind.SGD;
        c.phase1Lr = 0.05f;
        c.phase2Lr = 0.01f;
        c.lrSchedule = io.pqkmcu.trainer.optim.LearningRateSchedule.Kind.STEP;
        c.warmupSteps = 10;
        c.checkpointEvery = 25;
        return c;
    }

    @Test
    void residualNetworksResumeExactlyAndDoNotDependOnTheThreadCount(@TempDir Path dir) {
        int threads = io.pqkmcu.trainer.tensor.Parallel.threads();
        Network one = ResidualExportTest.miniResNet();
        Network two = ResidualExportTest.miniResNet();
        try {
            io.pqkmcu.trainer.tensor.Parallel.setThreads(1);
            new PqkTrainer(one, sgdConfig(), TRAIN, VAL, null).train();
            io.pqkmcu.trainer.tensor.Parallel.setThreads(2);
            new PqkTrainer(two, sgdConfig(), TRAIN, VAL, null).train();
        } finally {
            io.pqkmcu.trainer.tensor.Parallel.setThreads(threads);
        }
        Path ck = dir.resolve("ck");
        new PqkTrainer(ResidualExportTest.miniResNet(), sgdConfig(), TRAIN, VAL, ck).trainUntil(70);
        Network resumed = ResidualExportTest.miniResNet();
        PqkTrainer t = new PqkTrainer(resumed, sgdConfig(), TRAIN, VAL, ck);
        t.resume(Checkpoint.read(ck));
        t.train();
        for (int i = 0; i < one.params().size(); i++) {
            assertArrayEquals(one.params().get(i).value, two.params().get(i).value, "threads: " + one.params().get(i).name);
            assertArrayEquals(one.params().get(i).value, resumed.params().get(i).value, "resume: " + one.params().get(i).name);
        }
        for (int i = 0; i < one.state().size(); i++) {
            assertArrayEquals(one.state().get(i).values(), resumed.state().get(i).values(), one.state().get(i).name());
        }
        assertTrue(Evaluator.evaluate(one, VAL, new PqkTrainer(one, sgdConfig(), TRAIN, VAL, null).studentBranch(2))
                .accuracy() > 0.8, "SGD trains the residual network");
    }

    @Test
    void aDivergingResidualRunStopsWithAClearMessage() {
        FeatureSet broken = new FeatureSet(TRAIN.classNames(), TRAIN.inputs(), TRAIN.labels(), TRAIN.names(),
                TRAIN.height(), TRAIN.width(), TRAIN.channels(), new ActQuant(1e38, 0));
        PqkTrainer t = new PqkTrainer(ResidualExportTest.miniResNet(), sgdConfig(), broken, VAL, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
        assertTrue(e.getMessage().contains("at step 0"), e.getMessage());
    }
}
