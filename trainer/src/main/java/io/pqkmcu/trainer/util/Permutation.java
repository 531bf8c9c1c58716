package io.pqkmcu.trainer.util;

import java.util.SplittableRandom;

/** Seeded random orders of example indices (training batches, calibration and BatchNorm statistics). */
public final class Permutation {
    private Permutation() {}

    /** 0 … n-1 in a random order (Fisher–Yates from the last index down, so a seed always gives one order). */
    public static int[] shuffled(int n, SplittableRandom rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
