package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.nn.Activation;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskUpdaterTest {
    private static ConvUnit unit() {
        Network net = Network.builder("t", 4, 4, 2, 1).conv("c", 8, 3, 3, 1, 1, Activation.RELU)
                .globalAvgPool("p").dense("fc", 3);
        return net.units().get(0);
    }

    private static int pruned(ConvUnit u) {
        int n = 0;
        for (float m : u.mask()) {
            n += m == 0f ? 1 : 0;
        }
        return n;
    }

    @Test
    void prunesTheSmallestWeightsToTheRequestedFraction() {
        ConvUnit u = unit();
        MaskUpdater.apply(List.of(u), 0.5, PqkConfig.PruneScope.PER_LAYER, false, false);
        assertEquals(u.weights().length / 2, pruned(u));
        float smallestKept = Float.MAX_VALUE;
        float largestPruned = 0;
        for (int i = 0; i < u.weights().length; i++) {
            float a = Math.abs(u.weights()[i]);
            if (u.mask()[i] == 0f) {
                largestPruned = Math.max(largestPruned, a);
            } else {
                smallestKept = Math.min(smallestKept, a);
            }
        }
        assertTrue(largestPruned <= smallestKept);
    }

    @Test
    void aPrunedWeightStaysPrunedEvenIfItBecomesLargeUnlessRevivalIsOn() {
        ConvUnit u = unit();
        MaskUpdater.apply(List.of(u), 0.5, PqkConfig.PruneScope.PER_LAYER, false, false);
        int victim = -1;
        for (int i = 0; i < u.mask().length; i++) {
            if (u.mask()[i] == 0f) {
                victim = i;
                break;
            }
        }
        float original = u.weights()[victim];
        u.weights()[victim] = 100f; // the pruned weight keeps living in W and may change (teacher gradients)
        MaskUpdater.apply(List.of(u), 0.5, PqkConfig.PruneScope.PER_LAYER, false, false);
        assertEquals(0f, u.mask()[victim], "monotone: stays pruned");
        assertEquals(100f, u.weights()[victim], "pruning never zeroes W");
        MaskUpdater.apply(List.of(u), 0.5, PqkConfig.PruneScope.PER_LAYER, false, true);
        assertEquals(1f, u.mask()[victim], "with revival the largest weight comes back");
        assertEquals(u.weights().length / 2, pruned(u));
        u.weights()[victim] = original;
    }

    @Test
    void tiesArePrunedByIndexAndTheCountIsExactlyTheFloor() {
        ConvUnit u = unit();
        int n = u.weights().length; // 144
        java.util.Arrays.fill(u.weights(), 0.5f);
        u.weights()[100] = 0.1f; // the one smaller weight goes first, then the tied ones by index
        MaskUpdater.apply(List.of(u), 0.33, PqkConfig.PruneScope.PER_LAYER, false, false);
        int expected = (int) Math.floor(0.33 * n); // 47 (rounding would give 48)
        assertEquals(expected, pruned(u));
        assertEquals(0f, u.mask()[100]);
        for (int i = 0; i < n; i++) {
            if (i != 100) {
                assertEquals(i < expected - 1 ? 0f : 1f, u.mask()[i], "index " + i);
            }
        }
    }

    @Test
    void aGlobalThresholdAlsoPrunesExactlyTheFloorWithTies() {
        Network net = Network.builder("t", 4, 4, 2, 1).conv("c", 8, 3, 3, 1, 1, Activation.RELU)
                .conv("d", 4, 3, 3, 1, 1, Activation.RELU).globalAvgPool("p").dense("fc", 3);
        ConvUnit a = net.units().get(0);
        ConvUnit b = net.units().get(1);
        java.util.Arrays.fill(a.weights(), 0.25f);
        java.util.Arrays.fill(b.weights(), 0.25f);
        int n = a.weights().length + b.weights().length; // 144 + 288
        MaskUpdater.apply(List.of(a, b), 0.5, PqkConfig.PruneScope.GLOBAL, false, false);
        assertEquals(n / 2, pruned(a) + pruned(b));
        assertEquals(a.weights().length, pruned(a), "lower indices (the first layer) go first");
        // A later, higher target keeps every pruned weight pruned and adds exactly the difference.
        MaskUpdater.apply(List.of(a, b), 0.75, PqkConfig.PruneScope.GLOBAL, false, false);
        assertEquals(n * 3 / 4, pruned(a) + pruned(b));
        assertEquals(a.weights().length, pruned(a));
    }

    @Test
    void scheduleFollowsTheCubeAndUpdatesOnItsInterval() {
        PruningSchedule s = new PruningSchedule(0.0, 0.8, 100, 500, 50);
        assertEquals(0.0, s.sparsityAt(50), 0.0);
        assertEquals(0.0, s.sparsityAt(100), 1e-12);
        assertEquals(0.8 * (1 - Math.pow(0.5, 3)), s.sparsityAt(300), 1e-12);
        assertEquals(0.8, s.sparsityAt(500), 0.0);
        assertEquals(0.8, s.sparsityAt(10_000), 0.0);
        assertTrue(s.updatesAt(100) && s.updatesAt(150) && s.updatesAt(500));
        assertTrue(!s.updatesAt(120) && !s.updatesAt(99) && !s.updatesAt(550));
    }
}
