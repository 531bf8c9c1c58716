package io.pqkmcu.trainer.pqk;

/**
 * Zhu &amp; Gupta's gradual pruning schedule, s(t) = s_f + (s_i − s_f)(1 − (t − t0)/(n·Δt))^e for
 * t0 ≤ t ≤ t0 + n·Δt, evaluated at mask-update steps t0, t0 + Δt, … The exponent e is 3 in the paper
 * (prune fast while the network is redundant, slowly near the target); 1 gives a linear ramp.
 */
public final class PruningSchedule {
    private final double initial;
    private final double target;
    private final int start;
    private final int end;
    private final int interval;
    private final double exponent;

    public PruningSchedule(double initial, double target, int start, int end, int interval) {
        this(initial, target, start, end, interval, 3.0);
    }

    public PruningSchedule(double initial, double target, int start, int end, int interval, double exponent) {
        this.exponent = exponent;
        this.initial = initial;
        this.target = target;
        this.start = start;
        if (end < start) {
            throw new IllegalArgumentException("pruning ends (step " + end + ") before it starts (step " + start + ")");
        }
        this.end = end;
        this.interval = Math.max(1, interval);
    }

    /**
     * The schedule of a configuration. Masks are updated only in phase 1, so the end is clamped to its
     * last step (phase1Steps − 1): with {@code pruneEnd} = 1 the final update would otherwise fall on
     * the first step of phase 2 and never happen, leaving the run short of its target sparsity.
     */
    public static PruningSchedule of(PqkConfig c) {
        int last = c.phase1Steps - 1;
        int end = Math.min((int) Math.round(c.pruneEnd * c.phase1Steps), last);
        int start = Math.min((int) Math.round(c.pruneStart * c.phase1Steps), Math.max(0, end - 1));
        return new PruningSchedule(c.initialSparsity, c.targetSparsity, start, end, c.effectivePruneInterval(),
                c.pruneExponent);
    }

    /** Target sparsity at step t. */
    public double sparsityAt(int step) {
        if (step < start) {
            return 0.0;
        }
        if (step >= end) {
            return target;
        }
        double progress = (double) (step - start) / (end - start);
        return target + (initial - target) * Math.pow(1 - progress, exponent);
    }

    /** Whether masks are recomputed at this step: every Δt from t0, and once more at the end. */
    public boolean updatesAt(int step) {
        if (step < start || step > end) {
            return false;
        }
        return (step - start) % interval == 0 || step == end;
    }
}
