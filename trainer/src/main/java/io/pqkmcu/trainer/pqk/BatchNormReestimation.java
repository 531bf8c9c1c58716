package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Layer;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.util.Permutation;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Re-estimates every BatchNorm layer's running statistics on training data without changing what the
 * network computes in inference: the mean and variance of each layer's convolution output are measured
 * over a seeded sample of batches (in inference mode, so every layer sees the inputs the current network
 * gives it), and γ, β are rescaled to keep the folded layer. A network started from folded weights
 * (a .tflite model) then trains with batch statistics from the function it had, instead of renormalising
 * every layer at the first step.
 */
public final class BatchNormReestimation {
    private BatchNormReestimation() {}

    /** @return the number of training examples the statistics were measured on */
    public static int run(Network net, TrainingSource data, int batches, int batchSize, long seed) {
        int n = data.size();
        int[] order = Permutation.shuffled(n, new SplittableRandom(seed ^ 0xB4E57A75L));
        Map<Layer, double[][]> sums = new IdentityHashMap<>();
        Branch student = new Branch(true, false, false, Branch.STUDENT_SLOT, false);
        int size = Math.min(batchSize, n);
        int seen = 0;
        for (int b = 0; b < batches && (b + 1) * size <= n; b++) {
            net.forward(data.batch(0, order, b * size, (b + 1) * size).x(), Pass.batchNormStatistics(student, sums));
            seen += size;
        }
        for (ConvUnit u : net.units()) {
            double[][] s = sums.get(u);
            if (s == null || s[2][0] < 2) {
                continue; // no BatchNorm, or no data: the statistics stay as they are
            }
            double rows = s[2][0];
            int c = s[0].length;
            double[] mean = new double[c];
            double[] var = new double[c];
            for (int k = 0; k < c; k++) {
                mean[k] = s[0][k] / rows;
                // unbiased, as the running variance of training is
                var[k] = Math.max(0, (s[1][k] - rows * mean[k] * mean[k]) / (rows - 1));
            }
            u.reestimateBatchNorm(mean, var);
        }
        return seen;
    }
}
