package io.pqkmcu.trainer.train;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.pqk.Checkpoint;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.PqkTrainer;
import io.pqkmcu.trainer.pqk.Settings;
import io.pqkmcu.trainer.pqk.SyntheticFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Pruning + QAT and PQK differ only after phase 1, so {@code pqk ablate} trains their phase 1 once per sparsity
 * and seed and starts both phase 2s from it. These tests pin what that rests on and what it must preserve.
 */
class SharedPhase1Test {
    static final FeatureSet TRAIN = SyntheticFeatures.make(4, 40, 12, 6, 0.6, 1, 99);
    static final FeatureSet VAL = SyntheticFeatures.make(4, 10, 12, 6, 0.6, 2, 99);
    static final FeatureSet TEST = SyntheticFeatures.make(4, 10, 12, 6, 0.6, 3, 99);
    static final String ARCH = "ds-cnn-tiny";

    static PqkConfig base() {
        PqkConfig c = new PqkConfig();
        c.batchSize = 20;
        c.phase1Steps = 40;
        c.phase2Steps = 16;
        c.checkpointEvery = 15; // also mid-phase checkpoints, as a long run has
        return c;
    }

    /** Everything a run carries across the phase boundary, as its phase-1-end checkpoint holds it. */
    static Map<String, float[]> phase1End(PqkConfig c, Path checkpoint) {
        PqkTrainer t = new PqkTrainer(Architectures.build(ARCH, 12, 6, 4, c.seed), c, TRAIN, VAL, checkpoint);
        t.trainUntil(c.phase1Steps);
        Checkpoint ck = Checkpoint.read(checkpoint);
        assertEquals(c.phase1Steps, ck.step);
        return ck.arrays;
    }

    static void assertSameState(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), what + ": " + e.getKey());
        }
    }

    @Test
    void pruningPlusQatAndPqkEndPhase1BitIdenticallyWhenRunSeparately(@TempDir Path dir) {
        PqkConfig base = base();
        Map<String, float[]> qat = phase1End(Ablation.Variant.PRUNE_QAT.configure(base, 0.6, 3), dir.resolve("qat.ckpt"));
        Map<String, float[]> pqk = phase1End(Ablation.Variant.PQK.configure(base, 0.6, 3), dir.resolve("pqk.ckpt"));
        // weights, masks, BN statistics of both slots, observers, optimizer moments and history
        assertSameState(qat, pqk, "phase-1 end of pruning + QAT vs PQK");
    }

    /** A valid other value of every setting declared not read in phase 1. */
    private static final Map<String, Object> PHASE2_CHANGES = Map.ofEntries(
            Map.entry("phase2Steps", 7), Map.entry("phase2Mode", PqkConfig.Phase2Mode.NONE),
            Map.entry("phase2Lr", 1e-2f), Map.entry("phase2FinalLr", 1e-3f), Map.entry("calibrationBatches", 3),
            Map.entry("temperature", 1.5), Map.entry("distillWeight", 3.0), Map.entry("teacherWarmup", 0.5),
            Map.entry("studentCeWeight", 0.3), Map.entry("teacherCeWeight", 0.2),
            Map.entry("teacherPrecision", PqkConfig.TeacherPrecision.INT8),
            Map.entry("teacherBatchNorm", PqkConfig.TeacherBatchNorm.SHARED), Map.entry("detachTeacher", false),
            Map.entry("freezeStudentBatchNorm", false));

    @Test
    void noSettingDeclaredPhase2OnlyChangesPhase1(@TempDir Path dir) throws Exception {
        Set<String> declared = new TreeSet<>();
        for (Field f : Settings.all()) {
            if (!Settings.of(f).phase1()) {
                declared.add(f.getName());
            }
        }
        assertEquals(new TreeSet<>(PHASE2_CHANGES.keySet()), declared, "give each setting declared phase1 = false a "
                + "changed value here");
        PqkConfig base = Ablation.Variant.PQK.configure(base(), 0.6, 5);
        Map<String, float[]> reference = phase1End(base, dir.resolve("base.ckpt"));
        for (Field f : Settings.all()) {
            if (Settings.of(f).phase1()) {
                continue;
            }
            PqkConfig c = base.copy();
            Object value = PHASE2_CHANGES.get(f.getName());
            assertNotEquals(f.get(c), value, f.getName());
            f.set(c, value);
            c.validate();
            assertEquals(base.phase1Fingerprint(), c.phase1Fingerprint(), f.getName());
            assertSameState(reference, phase1End(c, dir.resolve(f.getName() + ".ckpt")), f.getName());
        }
        // the comparison does see a phase-1 setting
        PqkConfig other = base.copy();
        other.phase1Lr = base.phase1Lr * 2;
        Map<String, float[]> changed = phase1End(other, dir.resolve("lr.ckpt"));
        assertFalse(java.util.Arrays.equals(reference.get("pw1.weight"), changed.get("pw1.weight")),
                "--lr changes phase 1");
    }
}
