package io.pqkmcu.trainer.pqk;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PqkConfigTest {
    /** A different value of the same type as {@code v}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object changed(Field f, Object v) {
        if (v instanceof Integer i) {
            return i + 1;
        }
        if (v instanceof Long l) {
            return l + 1;
        }
        if (v instanceof Float x) {
            return x * 2 + 1;
        }
        if (v instanceof Double x) {
            return x * 2 + 1;
        }
        if (v instanceof Boolean b) {
            return !b;
        }
        if (v instanceof Enum<?> e) {
            Object[] all = e.getDeclaringClass().getEnumConstants();
            return all[(e.ordinal() + 1) % all.length];
        }
        if (v instanceof List<?> l) {
            List copy = new ArrayList<>(l);
            copy.add(l.isEmpty() || l.get(0) instanceof String ? (Object) "x" : (Object) 0.5);
            return copy;
        }
        fail("no way to change field " + f.getName() + " of type " + f.getType());
        return null;
    }

    @Test
    void changingAnySettingChangesTheFingerprint() throws Exception {
        String base = new PqkConfig().fingerprint();
        int checked = 0;
        for (Field f : PqkConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            PqkConfig c = new PqkConfig();
            f.set(c, changed(f, f.get(c)));
            if (PqkConfig.NOT_FINGERPRINTED.contains(f.getName())) {
                assertEquals(base, c.fingerprint(), f.getName() + " does not change the result");
            } else {
                assertNotEquals(base, c.fingerprint(), f.getName() + " must be part of the fingerprint");
                checked++;
            }
        }
        assertTrue(checked >= 40, "fields checked: " + checked);
    }

    @Test
    void thePhase1FingerprintChangesWithEveryPhase1SettingAndNoOther() throws Exception {
        String base = new PqkConfig().phase1Fingerprint();
        int phase1 = 0;
        for (Field f : PqkConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            PqkConfig c = new PqkConfig();
            f.set(c, changed(f, f.get(c)));
            if (PqkConfig.NOT_FINGERPRINTED.contains(f.getName()) || PqkConfig.NOT_PHASE1.contains(f.getName())) {
                assertEquals(base, c.phase1Fingerprint(), f.getName() + " is not read in phase 1");
            } else {
                assertNotEquals(base, c.phase1Fingerprint(), f.getName() + " is a phase-1 setting");
                phase1++;
            }
        }
        assertTrue(phase1 >= 30, "phase-1 settings checked: " + phase1);
        assertEquals(java.util.Set.of("phase2Steps", "phase2Mode", "phase2Lr", "phase2FinalLr", "calibrationBatches",
                "temperature", "distillWeight", "teacherWarmup", "studentCeWeight", "teacherCeWeight", "teacherPrecision",
                "teacherBatchNorm", "detachTeacher", "freezeStudentBatchNorm"), PqkConfig.NOT_PHASE1,
                "the settings declared phase-2-only (SharedPhase1Test checks that phase 1 ignores each)");
    }

    @Test
    void calibrationBatchesInParticularChangeIt() {
        PqkConfig a = new PqkConfig();
        PqkConfig b = new PqkConfig();
        b.calibrationBatches = a.calibrationBatches + 5;
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(), a.copy().fingerprint(), "a copy has the same fingerprint");
    }

    @Test
    void everySettingIsDeclaredOnceWithAUniqueOptionAndADefaultInItsRange() {
        java.util.Set<String> options = new java.util.HashSet<>();
        for (Field f : PqkConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Setting s = f.getAnnotation(Setting.class);
            assertTrue(s != null, f.getName() + " needs a @Setting");
            assertTrue(s.option().startsWith("--") && options.add(s.option()), f.getName() + ": option " + s.option());
            assertTrue(!s.description().isBlank(), f.getName() + " needs a description");
        }
        assertEquals(options.size(), Settings.all().size());
        new PqkConfig().validate(); // every default is in its range
    }

    @Test
    void aValueOutOfItsRangeIsRefusedNamingTheOption() {
        PqkConfig c = new PqkConfig();
        c.targetSparsity = 1.5;
        assertEquals("--sparsity must be in [0, 1), got 1.5",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, c::validate).getMessage());
        c = new PqkConfig();
        c.batchSize = 1;
        assertEquals("--batch must be >= 2, got 1",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, c::validate).getMessage());
        c = new PqkConfig();
        c.stepMilestones = new ArrayList<>(List.of(0.5, 1.0));
        assertEquals("--step-milestones values must be in (0, 1), got 1.0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, c::validate).getMessage());
        c = new PqkConfig();
        c.temperature = Double.NaN;
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, c::validate)
                .getMessage().startsWith("--temperature must be > 0"));
        c = new PqkConfig();
        c.pruneStart = 0.8;
        assertEquals("--prune-start 0.8 must be below --prune-end 0.7",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, c::validate).getMessage());
    }
}
