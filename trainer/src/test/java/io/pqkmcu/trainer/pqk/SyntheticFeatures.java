package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.quant.ActQuant;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A learnable toy problem: each class is a smooth random pattern plus noise, quantized to int8 (also used by the train package's tests). */
public final class SyntheticFeatures {
    private SyntheticFeatures() {}

    public static FeatureSet make(int classes, int perClass, int h, int w, double noise, long seed, long patternSeed) {
        SplittableRandom pr = new SplittableRandom(patternSeed);
        double[][] proto = new double[classes][h * w];
        for (int c = 0; c < classes; c++) {
            double fy = 0.5 + 2 * pr.nextDouble();
            double fx = 0.5 + 2 * pr.nextDouble();
            double ph = 6.283 * pr.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    proto[c][y * w + x] = Math.sin(fy * y / h * 6.283 + ph) * Math.cos(fx * x / w * 6.283 + c);
                }
            }
        }
        ActQuant q = ActQuant.fromRange(-2.5, 2.5);
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] x = new byte[classes * perClass][];
        int[] y = new int[x.length];
        List<String> names = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            labels.add("c" + c);
        }
        for (int i = 0; i < x.length; i++) {
            int c = i % classes;
            x[i] = new byte[h * w];
            for (int k = 0; k < h * w; k++) {
                x[i][k] = (byte) q.quantize(proto[c][k] + noise * (r.nextDouble() * 2 - 1));
            }
            y[i] = c;
            names.add("ex" + i);
        }
        return new FeatureSet(labels, x, y, names, h, w, 1, q);
    }
}
