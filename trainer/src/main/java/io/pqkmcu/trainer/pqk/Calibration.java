package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.nn.Add;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Layer;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.util.Permutation;

import java.util.SplittableRandom;

/**
 * Post-training calibration of the activation observers, for networks trained without QAT: the masked
 * float student runs in inference mode over a seeded sample of training batches, and every observer takes
 * the extremes it sees (min/max calibration, as TFLite's converter does with a representative dataset).
 * Afterwards the network exports to int8.
 */
public final class Calibration {
    private Calibration() {}

    /** Resets every observer and widens it over {@code batches} training batches of {@code batchSize}. */
    public static void calibrate(Network net, TrainingSource data, int batches, int batchSize, long seed) {
        for (Layer l : net.layers()) {
            if (l instanceof ConvUnit u) {
                u.observer().reset();
            } else if (l instanceof Add a) {
                a.observer().reset();
            }
        }
        int n = data.size();
        int[] order = Permutation.shuffled(n, new SplittableRandom(seed ^ 0xCA11B4A7E5L));
        Branch student = new Branch(true, false, false, Branch.STUDENT_SLOT, false);
        int size = Math.min(batchSize, n);
        for (int b = 0; b < batches && (b + 1) * size <= n; b++) {
            net.forward(data.batch(0, order, b * size, (b + 1) * size).x(), Pass.calibration(student));
        }
    }
}
