package io.pqkmcu.trainer.optim;

import io.pqkmcu.trainer.nn.Param;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SGD against the update rule of torch.optim.SGD (dampening 0), worked by hand. */
class SgdTest {
    private static Param param(float value, boolean decay) {
        Param p = new Param("w", 1, decay);
        p.value[0] = value;
        return p;
    }

    @Test
    void momentumAccumulatesVelocity() {
        Param p = param(1f, false);
        Sgd sgd = new Sgd(List.of(p), 0.9f, false, 0f);
        p.grad[0] = 2f;
        sgd.step(0.1f); // v = 2, w = 1 - 0.2
        assertEquals(0.8f, p.value[0], 1e-6f);
        sgd.step(0.1f); // v = 0.9*2 + 2 = 3.8, w = 0.8 - 0.38
        assertEquals(0.42f, p.value[0], 1e-6f);
    }

    @Test
    void nesterovLooksAhead() {
        Param p = param(1f, false);
        Sgd sgd = new Sgd(List.of(p), 0.9f, true, 0f);
        p.grad[0] = 2f;
        sgd.step(0.1f); // v = 2, step g + 0.9 v = 3.8
        assertEquals(1f - 0.38f, p.value[0], 1e-6f);
    }

    @Test
    void weightDecayIsCoupledL2AndSkipsParametersWithoutDecay() {
        Param w = param(2f, true);
        Param b = param(2f, false);
        Sgd sgd = new Sgd(List.of(w, b), 0f, false, 0.5f);
        sgd.step(0.1f); // zero gradient: w moves by lr * 0.5 * 2, b stays
        assertEquals(1.9f, w.value[0], 1e-6f);
        assertEquals(2f, b.value[0], 0f);
    }
}
