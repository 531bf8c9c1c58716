package io.pqkmcu.trainer.pqk;

import io.pqkmcu.trainer.optim.LearningRateSchedule;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.quant.ObserverKind;
import io.pqkmcu.trainer.quant.SteMode;
import io.pqkmcu.trainer.quant.WeightGranularity;

import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of a PQK run. The paper (Kim, Chang, Kwak, Interspeech 2021) leaves most of these
 * open; the defaults below are ours and are documented in the README. Public fields keep the options
 * visible in one place; {@link #validate()} checks them and {@link #fingerprint()} lets a checkpoint
 * refuse to resume under different settings.
 */
public final class PqkConfig {
    /** Seed for initialisation, shuffling and dropout. */
    public long seed = 1;
    /** Samples per step. */
    public int batchSize = 100;

    // ---- phase 1: gradual magnitude pruning + QAT ----
    /** Optimisation steps of phase 1. */
    public int phase1Steps = 3000;
    /** Learning rate at the start of phase 1 (cosine decay to {@link #phase1FinalLr}). */
    public float phase1Lr = 2e-3f;
    public float phase1FinalLr = 1e-4f;
    /**
     * Weight decay on weights (BN parameters and biases are not decayed): decoupled for Adam (AdamW),
     * L2 added to the gradient for SGD (as PyTorch's SGD).
     */
    public float weightDecay = 1e-4f;
    /** ADAM (AdamW, β = 0.9/0.999, ε = 1e-7) or SGD with momentum. */
    public OptimizerKind optimizer = OptimizerKind.ADAM;
    /** SGD momentum μ. */
    public float momentum = 0.9f;
    /** SGD with Nesterov momentum. */
    public boolean nesterov = false;
    /**
     * Learning-rate schedule within each phase: COSINE from the phase's rate to its final rate, STEP (× gamma
     * at each milestone; the final rate is unused) or CONSTANT.
     */
    public LearningRateSchedule.Kind lrSchedule = LearningRateSchedule.Kind.COSINE;
    /** Linear warm-up steps at the start of phase 1 (phase 2 continues a trained network and has none). */
    public int warmupSteps = 0;
    /** STEP schedule: factor applied at each milestone. */
    public double stepGamma = 0.2;
    /** STEP schedule: milestones as fractions of the phase (MLPerf Tiny KWS: thirds). */
    public List<Double> stepMilestones = new ArrayList<>(List.of(1.0 / 3, 2.0 / 3));
    /** Fraction of the prunable layers' weights removed at the end of the schedule. */
    public double targetSparsity = 0.8;
    /**
     * Prune depthwise layers too. Off by default: a 3×3 depthwise filter has 9 weights per channel, and
     * at 80 % it keeps one or two; measured on DS-CNN, that alone collapsed phase 1 (train accuracy 73 % →
     * 32 %), while excluding them (about 10 % of DS-CNN's weights) did not.
     */
    public boolean pruneDepthwise = false;
    /** Sparsity when pruning starts (s_i in Zhu &amp; Gupta). */
    public double initialSparsity = 0.0;
    /** Pruning starts (t0) and reaches the target at these fractions of phase 1. */
    public double pruneStart = 0.1;
    public double pruneEnd = 0.7;
    /** Exponent of the schedule's decay term: 3 is Zhu &amp; Gupta's cubic schedule, 1 a linear ramp. */
    public double pruneExponent = 3.0;
    /** Steps between mask updates (Δt); 0 picks phase1Steps / 50. */
    public int pruneInterval = 0;
    /** PER_LAYER: each layer reaches the target; GLOBAL: one threshold over all prunable layers. */
    public PruneScope pruneScope = PruneScope.PER_LAYER;
    /** Rank weights by |W·γ/σ| (their magnitude after BN folding) rather than |W|. */
    public boolean foldedSaliency = true;
    /** Allow a pruned weight back in when it outranks kept ones (off: masks only grow, see MaskUpdater). */
    public boolean reviveWeights = false;
    /** Layer names never pruned. */
    public List<String> excludedLayers = new ArrayList<>();
    /** Fake-quantize weights (per channel, BN folded) and activations during phase 1. */
    public boolean quantize = true;
    /** Activations are observed from the start but fake-quantized only after this fraction of phase 1. */
    public double activationQuantStart = 0.05;
    /** Symmetric int8 weights with one scale per output channel (the int8 contract) or one per layer. */
    public WeightGranularity weightGranularity = WeightGranularity.PER_CHANNEL;
    /** Activation range observer: EMA of batch min/max, or running MINMAX. */
    public ObserverKind observer = ObserverKind.EMA;
    /** EMA observer: weight of a new batch's range. */
    public float observerMomentum = ActivationObserver.DEFAULT_MOMENTUM;
    /** Straight-through estimator of activation fake quantization: CLIPPED (zero outside the range) or IDENTITY. */
    public SteMode ste = SteMode.CLIPPED;
    /**
     * BatchNorm folding during QAT is PyTorch's "approximate" scheme: weights folded with the running
     * statistics are quantized, while the batch statistics normalise. From this fraction of phase 1 on,
     * the student normalises with its running statistics instead (frozen, not updated), so it computes
     * exactly the folded int8 layer (PyTorch's freeze_bn step). 1 = only in phase 2 (see
     * {@link #freezeStudentBatchNorm}).
     */
    public double freezeBatchNormAt = 1.0;
    /** Post-training calibration batches (training data, no augmentation) for runs without QAT. */
    public int calibrationBatches = 20;

    // ---- phase 2: self-distillation from the teacher made of all weights ----
    /** What follows phase 1: PQK distillation, plain fine-tuning of the student, or nothing. */
    public Phase2Mode phase2Mode = Phase2Mode.DISTILL;
    public int phase2Steps = 1500;
    public float phase2Lr = 5e-4f;
    public float phase2FinalLr = 1e-5f;
    /** Distillation temperature T. */
    public double temperature = 4.0;
    /** Weight λ of the T²-scaled KL term. */
    public double distillWeight = 1.0;
    /**
     * Fraction of phase 2 before the student starts learning from the teacher: until then λ is 0 and the
     * teacher (its pruned weights restored) trains on the labels alone. 0: distillation from the first step.
     */
    public double teacherWarmup = 0.0;
    /** Weights of the two cross-entropy terms. */
    public double studentCeWeight = 1.0;
    public double teacherCeWeight = 1.0;
    /** FLOAT: the teacher uses float weights; INT8: its (unmasked) weights are fake-quantized too. */
    public TeacherPrecision teacherPrecision = TeacherPrecision.FLOAT;
    /** True: the KL term does not train the teacher (detached); false: mutual distillation. */
    public boolean detachTeacher = true;
    /** Normalise the student with its frozen running statistics in phase 2 (= the deployed folded layer). */
    public boolean freezeStudentBatchNorm = true;
    /**
     * SEPARATE: the teacher keeps its own BatchNorm statistics (initialised from the student's at the start
     * of phase 2); SHARED: it normalises with, and updates, the student's.
     */
    public TeacherBatchNorm teacherBatchNorm = TeacherBatchNorm.SEPARATE;

    // ---- bookkeeping ----
    /** Save a checkpoint every this many steps (0: only at the end of each phase). */
    public int checkpointEvery = 500;

    public enum PruneScope { PER_LAYER, GLOBAL }

    public enum Phase2Mode { DISTILL, FINETUNE, NONE }

    public enum TeacherPrecision { FLOAT, INT8 }

    public enum TeacherBatchNorm { SEPARATE, SHARED }

    public enum OptimizerKind { ADAM, SGD }

    /** The schedule of phase 1 or 2. */
    public LearningRateSchedule schedule(int phase) {
        return phase == 1
                ? new LearningRateSchedule(lrSchedule, phase1Lr, phase1FinalLr, warmupSteps, stepGamma, stepMilestones)
                : new LearningRateSchedule(lrSchedule, phase2Lr, phase2FinalLr, 0, stepGamma, stepMilestones);
    }

    /** An independent copy (lists copied too), for variants of one base configuration. */
    public PqkConfig copy() {
        PqkConfig c = new PqkConfig();
        try {
            for (java.lang.reflect.Field f : PqkConfig.class.getFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object v = f.get(this);
                f.set(c, v instanceof List<?> l ? new ArrayList<>(l) : v);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    public int totalSteps() {
        return phase1Steps + (phase2Mode == Phase2Mode.NONE ? 0 : phase2Steps);
    }

    public int effectivePruneInterval() {
        return pruneInterval > 0 ? pruneInterval : Math.max(1, phase1Steps / 50);
    }

    public PqkConfig validate() {
        require(batchSize >= 2, "batch size must be at least 2 (batch normalisation needs it)");
        require(phase1Steps >= 1, "phase 1 needs at least one step");
        require(phase2Mode == Phase2Mode.NONE || phase2Steps >= 1, "phase 2 needs at least one step");
        require(targetSparsity >= 0 && targetSparsity < 1, "target sparsity must be in [0, 1)");
        require(initialSparsity >= 0 && initialSparsity <= targetSparsity, "initial sparsity must be in [0, target]");
        require(pruneStart >= 0 && pruneStart < pruneEnd && pruneEnd <= 1, "need 0 <= pruneStart < pruneEnd <= 1");
        require(activationQuantStart >= 0 && activationQuantStart < 1, "activationQuantStart must be in [0, 1)");
        require(temperature > 0, "temperature must be positive");
        require(distillWeight >= 0 && studentCeWeight >= 0 && teacherCeWeight >= 0, "loss weights must be >= 0");
        require(teacherWarmup >= 0 && teacherWarmup < 1, "teacher warm-up must be a fraction of phase 2 in [0, 1)");
        require(phase1Lr > 0 && phase1FinalLr > 0 && phase2Lr > 0 && phase2FinalLr > 0, "learning rates must be positive");
        require(checkpointEvery >= 0, "checkpointEvery must be >= 0");
        require(pruneExponent > 0, "the pruning schedule exponent must be positive");
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1)");
        require(weightDecay >= 0, "weight decay must be >= 0");
        require(warmupSteps >= 0 && warmupSteps < phase1Steps, "warm-up steps must be in [0, phase 1 steps)");
        require(stepGamma > 0, "the step decay factor must be positive");
        require(stepMilestones.stream().allMatch(m -> m > 0 && m < 1), "step milestones must be fractions in (0, 1)");
        require(observerMomentum > 0 && observerMomentum <= 1, "observer momentum must be in (0, 1]");
        require(freezeBatchNormAt >= 0 && freezeBatchNormAt <= 1, "freezeBatchNormAt must be in [0, 1]");
        require(calibrationBatches >= 1, "calibration needs at least one batch");
        // Once frozen in phase 1 the student is the folded int8 layer; going back to batch statistics in
        // phase 2 would undo that (BN frozen, then unfrozen), which no one asks for on purpose.
        require(freezeBatchNormAt >= 1 || freezeStudentBatchNorm, "--freeze-bn-at " + freezeBatchNormAt
                + " freezes the student's BatchNorm in phase 1 and --student-batch-stats would unfreeze it in "
                + "phase 2; use one or the other");
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Fields that do not change what a run computes, left out of the fingerprint so that changing them
     * does not block a resume: how often checkpoints are written.
     */
    static final java.util.Set<String> NOT_FINGERPRINTED = java.util.Set.of("checkpointEvery");

    /**
     * Every setting that changes the result, as name=value pairs sorted by name; a checkpoint made under
     * other settings cannot be resumed, and {@code pqk ablate --resume} reuses only runs with the same one.
     * Derived from the fields by reflection, so a new option cannot be left out (a hand-written list once
     * omitted calibrationBatches).
     */
    public String fingerprint() {
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        try {
            for (java.lang.reflect.Field f : PqkConfig.class.getFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !NOT_FINGERPRINTED.contains(f.getName())) {
                    values.put(f.getName(), String.valueOf(f.get(this)));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return sb.toString();
    }
}
