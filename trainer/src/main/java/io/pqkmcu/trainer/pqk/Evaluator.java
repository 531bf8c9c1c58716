package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.Losses;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.tensor.Tensor;

/** Float evaluation of a network branch (inference mode: running statistics, no dropout). */
public final class Evaluator {
    private static final int BATCH = 250;

    private Evaluator() {}

    public static Evaluation evaluate(Network net, FeatureSet set, Branch branch) {
        int n = set.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] predictions = new int[n];
        int correct = 0;
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            Tensor logits = net.forward(set.batch(order, from, to), Pass.eval(branch));
            int classes = logits.sampleSize();
            for (int b = 0; b < to - from; b++) {
                int p = Losses.argmax(logits.data, b * classes, classes);
                predictions[from + b] = p;
                if (p == set.labels()[from + b]) {
                    correct++;
                }
            }
        }
        return new Evaluation(correct, n, predictions);
    }
}
