package io.pqkmcu.trainer.train;

import io.pqkmcu.model.ModelFile;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.pqk.Checkpoint;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.PqkTrainer;
import io.pqkmcu.trainer.pqk.Settings;
import io.pqkmcu.trainer.pqk.SyntheticFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final List<Ablation.Run> RUNS = Ablation.plan(List.of(Ablation.Variant.PRUNE_QAT,
            Ablation.Variant.PQK), List.of(0.6), List.of(3L));

    private static TrainingData data() {
        return new TrainingData("toy", TRAIN, VAL, TEST, null);
    }

    /** Runs the ablation of {@link #RUNS}, returning what it logged. */
    private static String ablate(PqkConfig base, Path out, boolean resume) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Ablation.run(data(), ARCH, base, RUNS, out, resume, new PrintStream(log, true, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Each variant trained alone from scratch, as ablate ran it before phase 1 was shared: model bytes and curves. */
    private static Map<String, byte[]> alone(PqkConfig base, Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (Ablation.Run r : RUNS) {
            TrainingResult t = TrainingJob.run(data(), ARCH, r.modelName(ARCH), r.variant().configure(base, r.sparsity(),
                    r.seed()), null, false, new PrintStream(OutputStream.nullOutputStream()));
            Path curves = dir.resolve(r.id() + ".history.csv");
            TrainingCurves.write(curves, t.history(), ARCH + " " + r.id() + ": training curves");
            files.put(r.id() + ".pqkm", ModelFile.toBytes(t.model()));
            files.put(r.id() + ".history.csv", Files.readAllBytes(curves));
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Path out, String what) throws IOException {
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve("runs").resolve(e.getKey())),
                    what + ": " + e.getKey());
        }
    }

    private static long count(String log, String text) {
        return log.lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void theSharedPhase1GivesEachVariantExactlyItsResultAlone(@TempDir Path dir) throws IOException {
        PqkConfig base = base();
        Map<String, byte[]> alone = alone(base, Files.createDirectories(dir.resolve("alone")));
        Path out = dir.resolve("ablation");
        String log = ablate(base, out, false);
        assertEquals(1, count(log, "phase 1 shared by prune-qat-s60-seed3 and pqk-s60-seed3, trained once"), log);
        assertEquals(2, count(log, "phase 2 starts from a copy of the shared phase 1 (phase1-s60-seed3.ckpt)"), log);
        assertEquals(2, count(log, "at step " + base.phase1Steps), "both phase 2s resume from its end:\n" + log);
        assertSameFiles(alone, out, "shared phase 1");
        for (String id : List.of("prune-qat-s60-seed3", "pqk-s60-seed3")) {
            String result = Files.readString(out.resolve("runs/" + id + ".properties"));
            assertTrue(result.contains("shared_phase1_seconds="), result);
        }

        // killed after pruning + QAT finished: PQK starts from the phase 1 kept on disk, not a new one
        for (String f : List.of("pqk-s60-seed3.properties", "pqk-s60-seed3.pqkm", "pqk-s60-seed3.ckpt")) {
            Files.delete(out.resolve("runs").resolve(f));
        }
        String resumed = ablate(base, out, true);
        assertEquals(1, count(resumed, "prune-qat-s60-seed3: done earlier"), resumed);
        assertEquals(1, count(resumed, "phase 1 shared by prune-qat-s60-seed3 and pqk-s60-seed3: done earlier"), resumed);
        assertEquals(0, count(resumed, "trained once"), resumed);
        assertSameFiles(alone, out, "resumed after phase 1");

        // with another phase-1 setting the kept phase 1 is refused, naming what differs
        Files.delete(out.resolve("runs/prune-qat-s60-seed3.properties"));
        Files.delete(out.resolve("runs/prune-qat-s60-seed3.ckpt"));
        PqkConfig otherLr = base();
        otherLr.phase1Lr = 1e-3f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ablate(otherLr, out, true));
        assertTrue(e.getMessage().contains("phase1-s60-seed3.properties: this phase 1 was trained with other settings"),
                e.getMessage());
    }

    @Test
    void aSharedPhase1KilledHalfwayContinuesFromItsCheckpoint(@TempDir Path dir) throws IOException {
        PqkConfig base = base();
        Map<String, byte[]> alone = alone(base, Files.createDirectories(dir.resolve("alone")));
        Path out = dir.resolve("ablation");
        // what a kill at step 30 of the shared phase 1 leaves: its checkpoint, no record
        PqkConfig c = Ablation.Variant.PRUNE_QAT.configure(base, 0.6, 3);
        PqkTrainer t = new PqkTrainer(Architectures.build(ARCH, 12, 6, 4, c.seed), c, TRAIN, VAL,
                Files.createDirectories(out.resolve("runs")).resolve("phase1-s60-seed3.ckpt"));
        t.setDataSettings(data().settings());
        t.trainUntil(30);
        String log = ablate(base, out, true);
        assertEquals(1, count(log, "resumed from " + out.resolve("runs/phase1-s60-seed3.ckpt") + " at step 30"), log);
        assertSameFiles(alone, out, "phase 1 resumed at step 30");
    }
}
