package io.pqkmcu.trainer.train;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.pqk.Checkpoint;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.PqkTrainer;
import io.pqkmcu.trainer.pqk.SyntheticFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
