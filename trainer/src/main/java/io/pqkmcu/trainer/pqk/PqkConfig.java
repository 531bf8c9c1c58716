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
 * open; the defaults below are ours and are documented in the README. Each setting is declared once, here: a
 * public field whose initializer is the default, with a {@link Setting} giving its command-line option, allowed
 * range and description. {@code pqk train} builds its options from these declarations (in this order),
 * {@link #validate()} checks the ranges, and {@link #fingerprint()} lets a checkpoint refuse to resume under
 * different settings.
 */
public final class PqkConfig {
    // ---- what a run is ----
    @Setting(option = "--sparsity", range = "[0, 1)",
            description = "fraction of the prunable weights pruned in phase 1; ablate takes a list, e.g. 0.8,0.9")
    public double targetSparsity = 0.8;

    @Setting(option = "--phase1-steps", range = "[1, inf)", description = "steps of pruning + QAT")
    public int phase1Steps = 3000;

    @Setting(option = "--phase2-steps", range = "[0, inf)", description = "steps of teacher-student distillation",
            phase1 = false)
    public int phase2Steps = 1500;

    @Setting(option = "--phase2", description = "DISTILL (PQK), FINETUNE (no teacher) or NONE", phase1 = false)
    public Phase2Mode phase2Mode = Phase2Mode.DISTILL;

    @Setting(option = "--batch", range = "[2, inf)", description = "batch size")
    public int batchSize = 100;

    // ---- optimiser and learning rates ----
    /** AdamW: β = 0.9/0.999, ε = 1e-7. */
    @Setting(option = "--optimizer", description = "ADAM (AdamW) or SGD")
    public OptimizerKind optimizer = OptimizerKind.ADAM;

    @Setting(option = "--momentum", range = "[0, 1)", description = "SGD momentum")
    public float momentum = 0.9f;

    @Setting(option = "--nesterov", description = "SGD with Nesterov momentum")
    public boolean nesterov = false;

    /** BN parameters and biases are not decayed; L2 for SGD is added to the gradient, as PyTorch's SGD does. */
    @Setting(option = "--weight-decay", range = "[0, inf)",
            description = "weight decay on weights: decoupled for Adam, L2 for SGD")
    public float weightDecay = 1e-4f;

    @Setting(option = "--lr", range = "(0, inf)", description = "phase-1 learning rate")
    public float phase1Lr = 2e-3f;

    @Setting(option = "--final-lr", range = "(0, inf)", description = "phase-1 final learning rate of the cosine schedule")
    public float phase1FinalLr = 1e-4f;

    @Setting(option = "--phase2-lr", range = "(0, inf)", description = "phase-2 learning rate", phase1 = false)
    public float phase2Lr = 5e-4f;

    @Setting(option = "--phase2-final-lr", range = "(0, inf)",
            description = "phase-2 final learning rate of the cosine schedule", phase1 = false)
    public float phase2FinalLr = 1e-5f;

    /** STEP multiplies by {@link #stepGamma} at each milestone; the final rate is then unused. */
    @Setting(option = "--lr-schedule", description = "COSINE, STEP or CONSTANT within each phase")
    public LearningRateSchedule.Kind lrSchedule = LearningRateSchedule.Kind.COSINE;

    /** Phase 2 continues a trained network and has no warm-up. */
    @Setting(option = "--warmup-steps", range = "[0, inf)", description = "linear warm-up steps at the start of phase 1")
    public int warmupSteps = 0;

    @Setting(option = "--step-gamma", range = "(0, inf)", description = "STEP schedule: factor at each milestone")
    public double stepGamma = 0.2;

    /** MLPerf Tiny KWS: thirds. */
    @Setting(option = "--step-milestones", range = "(0, 1)", shownDefault = "1/3,2/3",
            description = "STEP schedule: milestones as fractions of the phase")
    public List<Double> stepMilestones = new ArrayList<>(List.of(1.0 / 3, 2.0 / 3));

    // ---- phase 1: gradual magnitude pruning (Zhu & Gupta) ----
    @Setting(option = "--prune-scope", description = "PER_LAYER or GLOBAL magnitude threshold")
    public PruneScope pruneScope = PruneScope.PER_LAYER;

    /** t0 of Zhu &amp; Gupta. */
    @Setting(option = "--prune-start", range = "[0, 1)", description = "pruning starts at this fraction of phase 1")
    public double pruneStart = 0.1;

    @Setting(option = "--prune-end", range = "(0, 1]", description = "and reaches the target at this fraction")
    public double pruneEnd = 0.7;

    /** Δt of Zhu &amp; Gupta. */
    @Setting(option = "--prune-interval", range = "[0, inf)", description = "steps between mask updates; 0 = phase1/50")
    public int pruneInterval = 0;

    @Setting(option = "--prune-exponent", range = "(0, inf)",
            description = "exponent of the Zhu & Gupta schedule: 3 cubic, 1 linear")
    public double pruneExponent = 3.0;

    /** s_i of Zhu &amp; Gupta; at most {@link #targetSparsity}. */
    @Setting(option = "--initial-sparsity", range = "[0, 1)", description = "sparsity when pruning starts")
    public double initialSparsity = 0.0;

    /**
     * Off by default: a 3×3 depthwise filter has 9 weights per channel, and at 80 % it keeps one or two; measured
     * on DS-CNN, that alone collapsed phase 1 (train accuracy 73 % → 32 %), while excluding them (about 10 % of
     * DS-CNN's weights) did not.
     */
    @Setting(option = "--prune-depthwise",
            description = "prune depthwise layers too (off: they hold few weights and pruning them hurts accuracy most)")
    public boolean pruneDepthwise = false;

    @Setting(option = "--raw-saliency", flagSets = false,
            description = "rank weights by |W| instead of |W·γ/σ| (their magnitude after BN folding)")
    public boolean foldedSaliency = true;

    /** Off: masks only grow (see MaskUpdater). */
    @Setting(option = "--revive-weights",
            description = "let a pruned weight back in when it outranks kept ones (default: once pruned, always pruned)")
    public boolean reviveWeights = false;

    @Setting(option = "--exclude", description = "layers never pruned, e.g. conv1,fc")
    public List<String> excludedLayers = new ArrayList<>();

    // ---- phase 1: quantization-aware training ----
    /** Weights per channel with BN folded, activations per tensor. */
    @Setting(option = "--no-qat", flagSets = false, description = "train in float (no fake quantization); the int8 "
            + "model then comes from post-training calibration")
    public boolean quantize = true;

    /** Activations are observed from the start. */
    @Setting(option = "--act-quant-start", range = "[0, 1)",
            description = "activations are fake-quantized from this fraction of phase 1")
    public double activationQuantStart = 0.05;

    /** Symmetric int8 weights with one scale per output channel (the int8 contract) or one per layer. */
    @Setting(option = "--weight-quant", description = "PER_CHANNEL or PER_TENSOR weight scales")
    public WeightGranularity weightGranularity = WeightGranularity.PER_CHANNEL;

    /** EMA of the batches' min/max, or their running MINMAX. */
    @Setting(option = "--observer", description = "activation range observer: EMA or MINMAX")
    public ObserverKind observer = ObserverKind.EMA;

    @Setting(option = "--observer-momentum", range = "(0, 1]", description = "EMA observer weight of a new batch")
    public float observerMomentum = ActivationObserver.DEFAULT_MOMENTUM;

    /** CLIPPED: zero gradient outside the range. */
    @Setting(option = "--ste", description = "straight-through estimator: CLIPPED or IDENTITY")
    public SteMode ste = SteMode.CLIPPED;

    /**
     * BatchNorm folding during QAT is PyTorch's "approximate" scheme: weights folded with the running
     * statistics are quantized, while the batch statistics normalise. From this fraction of phase 1 on,
     * the student normalises with its running statistics instead (frozen, not updated), so it computes
     * exactly the folded int8 layer (PyTorch's freeze_bn step). 1 = only in phase 2 (see
     * {@link #freezeStudentBatchNorm}).
     */
    @Setting(option = "--freeze-bn-at", range = "[0, 1]", description = "the student normalises with frozen running "
            + "statistics from this fraction of phase 1; 1 = only in phase 2")
    public double freezeBatchNormAt = 1.0;

    /** Training data without augmentation. */
    @Setting(option = "--calibration-batches", range = "[1, inf)",
            description = "training batches for post-training calibration of runs without QAT", phase1 = false)
    public int calibrationBatches = 20;

    // ---- phase 2: self-distillation from the teacher made of all weights ----
    /**
     * 1, not the usual 4: the validation sweeps of issue 9 chose it on Fashion-MNIST (88.54 % against 88.16 %)
     * and on keyword spotting (ablation at 80 %, and the demo's recipe: Pico validation 85.83 % against 84.58 %).
     */
    @Setting(option = "--temperature", range = "(0, inf)", description = "distillation temperature T", phase1 = false)
    public double temperature = 1.0;

    @Setting(option = "--distill-weight", range = "[0, inf)", description = "weight λ of the T²·KL term",
            phase1 = false)
    public double distillWeight = 1.0;

    @Setting(option = "--teacher-warmup", range = "[0, 1)", description = "fraction of phase 2 before the student "
            + "learns from the teacher (λ = 0 until then: the teacher's restored weights train on the labels first)",
            phase1 = false)
    public double teacherWarmup = 0.0;

    @Setting(option = "--student-ce-weight", range = "[0, inf)", description = "weight of the student's cross-entropy",
            phase1 = false)
    public double studentCeWeight = 1.0;

    @Setting(option = "--teacher-ce-weight", range = "[0, inf)", description = "weight of the teacher's cross-entropy",
            phase1 = false)
    public double teacherCeWeight = 1.0;

    /** INT8: the teacher's (unmasked) weights are fake-quantized too. */
    @Setting(option = "--teacher-precision", description = "FLOAT or INT8 teacher weights", phase1 = false)
    public TeacherPrecision teacherPrecision = TeacherPrecision.FLOAT;

    /**
     * SEPARATE: the teacher keeps its own BatchNorm statistics (initialised from the student's at the start
     * of phase 2); SHARED: it normalises with, and updates, the student's.
     */
    @Setting(option = "--teacher-bn", description = "SEPARATE or SHARED BatchNorm statistics of the teacher",
            phase1 = false)
    public TeacherBatchNorm teacherBatchNorm = TeacherBatchNorm.SEPARATE;

    /** True: the KL term does not train the teacher (detached); false: mutual distillation. */
    @Setting(option = "--mutual", flagSets = false,
            description = "let the distillation term train the teacher too (default: detached)", phase1 = false)
    public boolean detachTeacher = true;

    /** True: in phase 2 the student normalises with its frozen running statistics (= the deployed folded layer). */
    @Setting(option = "--student-batch-stats", flagSets = false, description = "in phase 2 the student keeps "
            + "normalising with batch statistics (default: frozen running statistics, exactly the int8 layer)",
            phase1 = false)
    public boolean freezeStudentBatchNorm = true;

    // ---- bookkeeping ----
    @Setting(option = "--checkpoint-every", range = "[0, inf)", fingerprinted = false,
            description = "checkpoint every N steps; 0 = at phase ends")
    public int checkpointEvery = 500;

    /** Initialisation, shuffling, dropout and augmentation. */
    @Setting(option = "--seed", description = "random seed")
    public long seed = 1;

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
            for (java.lang.reflect.Field f : Settings.all()) {
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

    /**
     * Checks every setting against its declared {@link Setting#range()}, then the settings that constrain each
     * other; each message names the command-line options involved.
     */
    public PqkConfig validate() {
        Settings.checkRanges(this);
        require(phase2Mode == Phase2Mode.NONE || phase2Steps >= 1, Settings.option("phase2Steps") + " must be >= 1 "
                + "unless " + Settings.option("phase2Mode") + " NONE, got " + phase2Steps);
        require(initialSparsity <= targetSparsity, Settings.option("initialSparsity") + " " + initialSparsity
                + " exceeds " + Settings.option("targetSparsity") + " " + targetSparsity);
        require(pruneStart < pruneEnd, Settings.option("pruneStart") + " " + pruneStart + " must be below "
                + Settings.option("pruneEnd") + " " + pruneEnd);
        require(warmupSteps < phase1Steps, Settings.option("warmupSteps") + " " + warmupSteps + " must be below "
                + Settings.option("phase1Steps") + " " + phase1Steps);
        // Once frozen in phase 1 the student is the folded int8 layer; going back to batch statistics in
        // phase 2 would undo that (BN frozen, then unfrozen), which no one asks for on purpose.
        require(freezeBatchNormAt >= 1 || freezeStudentBatchNorm, Settings.option("freezeBatchNormAt") + " "
                + freezeBatchNormAt + " freezes the student's BatchNorm in phase 1 and "
                + Settings.option("freezeStudentBatchNorm") + " would unfreeze it in phase 2; use one or the other");
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Settings that do not change what a run computes ({@link Setting#fingerprinted()} false), left out of the
     * fingerprint so that changing them does not block a resume: how often checkpoints are written.
     */
    static final java.util.Set<String> NOT_FINGERPRINTED = Settings.all().stream()
            .filter(f -> !Settings.of(f).fingerprinted()).map(java.lang.reflect.Field::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Settings that phase 1 never reads ({@link Setting#phase1()} false): phase 2's options and post-training
     * calibration. {@link #phase1Fingerprint()} leaves them out.
     */
    static final java.util.Set<String> NOT_PHASE1 = Settings.all().stream()
            .filter(f -> !Settings.of(f).phase1()).map(java.lang.reflect.Field::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Every setting that changes the result, as name=value pairs sorted by name; a checkpoint made under
     * other settings cannot be resumed, and {@code pqk ablate --resume} reuses only runs with the same one.
     * The model file records it as {@code train.config}. Derived from the settings by reflection, so a new
     * option cannot be left out (a hand-written list once omitted calibrationBatches).
     */
    public String fingerprint() {
        return fingerprint(java.util.Set.of());
    }

    /**
     * The {@link #fingerprint()} without the settings phase 1 never reads: what a checkpoint taken in phase 1
     * records, so that runs with the same phase 1 and different phase 2s (pruning + QAT and PQK in
     * {@code pqk ablate}) can start their phase 2 from one shared phase 1. Also derived by reflection: a new setting
     * counts as a phase-1 setting unless declared otherwise.
     */
    public String phase1Fingerprint() {
        return fingerprint(NOT_PHASE1);
    }

    private String fingerprint(java.util.Set<String> leftOut) {
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        for (java.lang.reflect.Field f : Settings.all()) {
            if (!NOT_FINGERPRINTED.contains(f.getName()) && !leftOut.contains(f.getName())) {
                values.put(f.getName(), String.valueOf(Settings.get(f, this)));
            }
        }
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return sb.toString();
    }
}
