package io.pqkmcu.trainer.optim;

import java.util.List;

/**
 * The learning rate over one training phase of {@code steps} steps: an optional linear warm-up, then
 * <ul>
 *   <li>{@code COSINE}: from {@code start} to {@code end} along half a cosine (SGDR without restarts);</li>
 *   <li>{@code STEP}: {@code start}, multiplied by {@code gamma} at each milestone (fractions of the
 *       phase after warm-up; MLPerf Tiny KWS: 5e-4 → 1e-4 → 2e-5 at 1/3 and 2/3 is gamma 0.2);</li>
 *   <li>{@code CONSTANT}: {@code start} throughout.</li>
 * </ul>
 * During warm-up the rate grows linearly from start/warmup to start (Goyal et al.).
 */
public record LearningRateSchedule(Kind kind, double start, double end, int warmupSteps, double gamma,
                                   List<Double> milestones) {
    public enum Kind { COSINE, STEP, CONSTANT }

    public LearningRateSchedule {
        milestones = List.copyOf(milestones);
        if (!(start > 0) || !(end > 0)) {
            throw new IllegalArgumentException("learning rates must be positive, got " + start + " and " + end);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("step decay factor must be positive, got " + gamma);
        }
        for (double m : milestones) {
            if (!(m > 0 && m < 1)) {
                throw new IllegalArgumentException("step milestones are fractions of the phase in (0, 1), got " + m);
            }
        }
    }

    /** The rate at {@code step} (0-based) of a phase of {@code steps} steps. */
    public float at(int step, int steps) {
        if (step < warmupSteps) {
            return (float) (start * (step + 1) / warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps);
        switch (kind) {
            case COSINE:
                return (float) (end + 0.5 * (start - end) * (1 + Math.cos(Math.PI * progress)));
            case STEP:
                double rate = start;
                for (double m : milestones) {
                    if (progress >= m) {
                        rate *= gamma;
                    }
                }
                return (float) rate;
            default:
                return (float) start;
        }
    }
}
