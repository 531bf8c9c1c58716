package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LossesTest {
    private static Tensor logits(float... v) {
        return new Tensor(v, 2, 1, 1, v.length / 2);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        Tensor s = logits(0.3f, -1.2f, 2.0f, 0.5f, 0.1f, -0.4f);
        int[] y = {2, 0};
        Losses.Result r = Losses.crossEntropy(s, y);
        for (int i = 0; i < s.data.length; i++) {
            float o = s.data[i];
            s.data[i] = o + 1e-3f;
            double lp = Losses.crossEntropy(s, y).loss();
            s.data[i] = o - 1e-3f;
            double lm = Losses.crossEntropy(s, y).loss();
            s.data[i] = o;
            assertEquals((lp - lm) / 2e-3, r.grad().data[i], 1e-3);
        }
        assertEquals(2, r.correct());
    }

    @Test
    void distillationGradientsMatchFiniteDifferencesForBothSides() {
        Tensor s = logits(0.3f, -1.2f, 2.0f, 0.5f, 0.1f, -0.4f);
        Tensor t = logits(1.3f, 0.2f, -0.5f, -0.2f, 0.9f, 0.4f);
        Tensor gs = s.zerosLike();
        Tensor gt = t.zerosLike();
        double temperature = 3.0;
        Losses.distillation(s, t, temperature, gs, gt);
        for (Tensor[] pair : new Tensor[][] {{s, gs}, {t, gt}}) {
            Tensor v = pair[0];
            for (int i = 0; i < v.data.length; i++) {
                float o = v.data[i];
                v.data[i] = o + 1e-3f;
                double lp = Losses.distillation(s, t, temperature, null, null);
                v.data[i] = o - 1e-3f;
                double lm = Losses.distillation(s, t, temperature, null, null);
                v.data[i] = o;
                assertEquals((lp - lm) / 2e-3, pair[1].data[i], 2e-3);
            }
        }
    }

    @Test
    void distillationOfIdenticalLogitsIsZero() {
        Tensor s = logits(0.3f, -1.2f, 2.0f, 0.5f, 0.1f, -0.4f);
        assertEquals(0.0, Losses.distillation(s, s, 2.0, null, null), 1e-9);
    }
}
