package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pruned weights get no student gradient, so during phase 1 they must not move at all: not on Adam's
 * stale first moment, not under AdamW's decoupled decay, not on SGD's momentum or L2 decay. Phase 2's
 * teacher trains them again.
 */
class PrunedWeightsHeldTest {
    private static final FeatureSet TRAIN = SyntheticFeatures.make(4, 60, 12, 6, 0.6, 1, 99);

    private static PqkConfig config(String optimizer) {
        PqkConfig c = new PqkConfig();
        c.batchSize = 20;
        c.phase1Steps = 60;
        c.phase2Steps = 10;
        c.targetSparsity = 0.6;
        c.pruneInterval = 5;
        c.checkpointEvery = 0;
        switch (optimizer) {
            case "adam" -> c.weightDecay = 0f;
            case "adamw" -> c.weightDecay = 0.05f;
            default -> {
                c.optimizer = PqkConfig.OptimizerKind.SGD;
                c.momentum = 0.9f;
                c.weightDecay = 0.01f;
                c.phase1Lr = 0.05f;
                c.phase2Lr = 0.01f;
            }
        }
        return c;
    }

    private static List<float[]> weights(Network net) {
        List<float[]> w = new ArrayList<>();
        for (ConvUnit u : net.units()) {
            w.add(u.weights().clone());
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "adamw", "sgd"})
    void prunedWeightsStayPutInPhase1AndTrainAgainInPhase2(String optimizer) {
        PqkConfig c = config(optimizer);
        Network net = Architectures.build("ds-cnn-tiny", 12, 6, 4, 7);
        PqkTrainer t = new PqkTrainer(net, c, TRAIN, null, null);
        int heldChecks = 0;
        for (int s = 0; s < c.phase1Steps; s++) {
            List<float[]> before = weights(net);
            t.trainUntil(s + 1);
            for (int i = 0; i < net.units().size(); i++) {
                ConvUnit u = net.units().get(i);
                for (int j = 0; j < u.mask().length; j++) {
                    if (u.mask()[j] == 0f) {
                        // pruned at this step or earlier: this step must not have changed it
                        assertEquals(before.get(i)[j], u.weights()[j], 0f,
                                optimizer + " moved pruned " + u.name() + "[" + j + "] at step " + s);
                        heldChecks++;
                    }
                }
            }
        }
        assertTrue(heldChecks > 1000, "pruning happened: " + heldChecks);
        List<float[]> endOfPhase1 = weights(net);
        t.train();
        int moved = 0;
        for (int i = 0; i < net.units().size(); i++) {
            ConvUnit u = net.units().get(i);
            for (int j = 0; j < u.mask().length; j++) {
                if (u.mask()[j] == 0f && u.weights()[j] != endOfPhase1.get(i)[j]) {
                    moved++;
                }
            }
        }
        assertTrue(moved > 0, "phase 2's teacher trains the pruned weights again");
    }
}
