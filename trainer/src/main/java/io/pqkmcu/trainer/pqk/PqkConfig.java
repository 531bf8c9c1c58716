package io.pqkmcu.trainer.pqk;

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
    /** Decoupled weight decay (AdamW) on weights; BN parameters and biases are not decayed. */
    public float weightDecay = 1e-4f;
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
    /** Weights of the two cross-entropy terms. */
    public double studentCeWeight = 1.0;
    public double teacherCeWeight = 1.0;
    /** FLOAT: the teacher uses float weights; INT8: its (unmasked) weights are fake-quantized too. */
    public TeacherPrecision teacherPrecision = TeacherPrecision.FLOAT;
    /** True: the KL term does not train the teacher (detached); false: mutual distillation. */
    public boolean detachTeacher = true;
    /** Normalise the student with its frozen running statistics in phase 2 (= the deployed folded layer). */
    public boolean freezeStudentBatchNorm = true;

    // ---- bookkeeping ----
    /** Save a checkpoint every this many steps (0: only at the end of each phase). */
    public int checkpointEvery = 500;

    public enum PruneScope { PER_LAYER, GLOBAL }

    public enum Phase2Mode { DISTILL, FINETUNE, NONE }

    public enum TeacherPrecision { FLOAT, INT8 }

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
        require(phase1Lr > 0 && phase1FinalLr > 0 && phase2Lr > 0 && phase2FinalLr > 0, "learning rates must be positive");
        require(checkpointEvery >= 0, "checkpointEvery must be >= 0");
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Settings that change the result; a checkpoint made under other settings cannot be resumed. */
    public String fingerprint() {
        return "seed=" + seed + ";batch=" + batchSize + ";p1=" + phase1Steps + "," + phase1Lr + "," + phase1FinalLr
                + ";wd=" + weightDecay + ";sparsity=" + initialSparsity + "->" + targetSparsity + "@" + pruneStart + ".."
                + pruneEnd + "/" + effectivePruneInterval() + "," + pruneScope + "," + excludedLayers + ",dw=" + pruneDepthwise + ",folded=" + foldedSaliency
                + ",revive=" + reviveWeights + ";q=" + quantize + ","
                + activationQuantStart + ";p2=" + phase2Mode + "," + phase2Steps + "," + phase2Lr + "," + phase2FinalLr
                + ";T=" + temperature + ";l=" + distillWeight + "," + studentCeWeight + "," + teacherCeWeight + ";"
                + teacherPrecision + ";detach=" + detachTeacher + ";freezeBn=" + freezeStudentBatchNorm;
    }
}
