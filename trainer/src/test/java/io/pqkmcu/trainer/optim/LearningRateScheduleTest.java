package io.pqkmcu.trainer.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {
    @Test
    void cosineGoesFromStartToEnd() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1e-2, 1e-4, 0, 0.2, List.of());
        assertEquals(1e-2, s.at(0, 100), 1e-9);
        assertEquals((1e-2 + 1e-4) / 2, s.at(50, 100), 1e-8);
        assertEquals(1e-4, s.at(100, 100), 1e-9);
    }

    @Test
    void stepFollowsTheMlperfKwsThirds() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 5e-4, 1e-9, 0, 0.2,
                List.of(1.0 / 3, 2.0 / 3));
        assertEquals(5e-4, s.at(0, 300), 1e-10);
        assertEquals(5e-4, s.at(99, 300), 1e-10);
        assertEquals(1e-4, s.at(100, 300), 1e-10);
        assertEquals(2e-5, s.at(299, 300), 1e-10);
    }

    @Test
    void warmupRampsLinearlyThenTheScheduleStarts() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 1e-3, 1e-3, 10, 0.2,
                List.of());
        assertEquals(1e-4, s.at(0, 100), 1e-10);
        assertEquals(5e-4, s.at(4, 100), 1e-10);
        assertEquals(1e-3, s.at(9, 100), 1e-10);
        assertEquals(1e-3, s.at(50, 100), 1e-10);
        LearningRateSchedule c = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1e-2, 1e-4, 10, 0.2, List.of());
        assertEquals(1e-2, c.at(10, 110), 1e-9); // the cosine starts after warm-up
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 1e-3, 1e-3, 0, 0.2, List.of(1.5)));
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 0, 1e-3, 0, 0.2, List.of()));
    }
}
