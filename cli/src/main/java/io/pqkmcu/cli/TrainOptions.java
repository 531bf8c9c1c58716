package io.pqkmcu.cli;

import io.pqkmcu.trainer.frontend.FrontEndConfig;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.optim.LearningRateSchedule;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.quant.ObserverKind;
import io.pqkmcu.trainer.quant.SteMode;
import io.pqkmcu.trainer.quant.WeightGranularity;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * PQK training options shared by {@code pqk train}, {@code pqk ablate} and {@code pqk demo} (a picocli
 * mixin). Every default is {@link PqkConfig}'s, where each option is documented.
 */
final class TrainOptions {
    private static final PqkConfig D = new PqkConfig();

    @Option(names = "--arch", description = "architecture preset: ds-cnn (MLPerf Tiny KWS), ds-cnn-s, ds-cnn-m, ds-cnn-l "
            + "(Hello Edge), res8, res8-narrow, res15 (Tang & Lin), resnet8 (MLPerf Tiny CIFAR-10), fmnist-cnn, "
            + "ds-cnn-tiny (default: ${DEFAULT-VALUE})")
    String architecture = "ds-cnn";

    @Option(names = "--features", description = "front end: MFCC (49x10) or LOG_MEL (49x40) (default: the preset's — "
            + "LOG_MEL for res8/res15, MFCC otherwise)")
    FrontEndConfig.FeatureType features;

    @Option(names = "--fft", description = "front end FFT: REAL (version 2) or COMPLEX (version 1, as models trained "
            + "before version 2) (default: ${DEFAULT-VALUE})")
    FrontEndConfig.FftKind fft = FrontEndConfig.FftKind.REAL;

    // ---- schedule and optimiser
    @Option(names = "--sparsity", split = ",", description = "fraction of the prunable weights pruned in phase 1; "
            + "ablate takes a list, e.g. 0.8,0.9 (default: ${DEFAULT-VALUE})")
    List<Double> sparsity = new ArrayList<>(List.of(D.targetSparsity));

    @Option(names = "--phase1-steps", description = "steps of pruning + QAT (default: ${DEFAULT-VALUE})")
    int phase1Steps = D.phase1Steps;

    @Option(names = "--phase2-steps", description = "steps of teacher-student distillation (default: ${DEFAULT-VALUE})")
    int phase2Steps = D.phase2Steps;

    @Option(names = "--phase2", description = "DISTILL (PQK), FINETUNE (no teacher) or NONE (default: ${DEFAULT-VALUE})")
    PqkConfig.Phase2Mode phase2 = D.phase2Mode;

    @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch = D.batchSize;

    @Option(names = "--optimizer", description = "ADAM (AdamW) or SGD (default: ${DEFAULT-VALUE})")
    PqkConfig.OptimizerKind optimizer = D.optimizer;

    @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    float momentum = D.momentum;

    @Option(names = "--nesterov", description = "SGD with Nesterov momentum")
    boolean nesterov;

    @Option(names = "--weight-decay", description = "weight decay on weights: decoupled for Adam, L2 for SGD "
            + "(default: ${DEFAULT-VALUE})")
    float weightDecay = D.weightDecay;

    @Option(names = "--lr", description = "phase-1 learning rate (default: ${DEFAULT-VALUE})")
    float lr = D.phase1Lr;

    @Option(names = "--final-lr", description = "phase-1 final learning rate of the cosine schedule (default: ${DEFAULT-VALUE})")
    float finalLr = D.phase1FinalLr;

    @Option(names = "--phase2-lr", description = "phase-2 learning rate (default: ${DEFAULT-VALUE})")
    float phase2Lr = D.phase2Lr;

    @Option(names = "--phase2-final-lr", description = "phase-2 final learning rate of the cosine schedule "
            + "(default: ${DEFAULT-VALUE})")
    float phase2FinalLr = D.phase2FinalLr;

    @Option(names = "--lr-schedule", description = "COSINE, STEP or CONSTANT within each phase (default: ${DEFAULT-VALUE})")
    LearningRateSchedule.Kind lrSchedule = D.lrSchedule;

    @Option(names = "--warmup-steps", description = "linear warm-up steps at the start of phase 1 (default: ${DEFAULT-VALUE})")
    int warmupSteps = D.warmupSteps;

    @Option(names = "--step-gamma", description = "STEP schedule: factor at each milestone (default: ${DEFAULT-VALUE})")
    double stepGamma = D.stepGamma;

    @Option(names = "--step-milestones", split = ",", description = "STEP schedule: milestones as fractions of the "
            + "phase (default: 1/3,2/3)")
    List<Double> stepMilestones = new ArrayList<>(D.stepMilestones);

    // ---- pruning
    @Option(names = "--prune-scope", description = "PER_LAYER or GLOBAL magnitude threshold (default: ${DEFAULT-VALUE})")
    PqkConfig.PruneScope pruneScope = D.pruneScope;

    @Option(names = "--prune-start", description = "pruning starts at this fraction of phase 1 (default: ${DEFAULT-VALUE})")
    double pruneStart = D.pruneStart;

    @Option(names = "--prune-end", description = "and reaches the target at this fraction (default: ${DEFAULT-VALUE})")
    double pruneEnd = D.pruneEnd;

    @Option(names = "--prune-interval", description = "steps between mask updates; 0 = phase1/50 (default: ${DEFAULT-VALUE})")
    int pruneInterval = D.pruneInterval;

    @Option(names = "--prune-exponent", description = "exponent of the Zhu & Gupta schedule: 3 cubic, 1 linear "
            + "(default: ${DEFAULT-VALUE})")
    double pruneExponent = D.pruneExponent;

    @Option(names = "--initial-sparsity", description = "sparsity when pruning starts (default: ${DEFAULT-VALUE})")
    double initialSparsity = D.initialSparsity;

    @Option(names = "--prune-depthwise", description = "prune depthwise layers too (off: they hold few weights and "
            + "pruning them hurts accuracy most)")
    boolean pruneDepthwise;

    @Option(names = "--raw-saliency", description = "rank weights by |W| instead of |W·γ/σ| (their magnitude after BN folding)")
    boolean rawSaliency;

    @Option(names = "--exclude", split = ",", description = "layers never pruned, e.g. conv1,fc")
    List<String> excluded = new ArrayList<>();

    // ---- QAT
    @Option(names = "--no-qat", description = "train in float (no fake quantization); the int8 model then comes from "
            + "post-training calibration")
    boolean noQat;

    @Option(names = "--act-quant-start", description = "activations are fake-quantized from this fraction of phase 1 "
            + "(default: ${DEFAULT-VALUE})")
    double activationQuantStart = D.activationQuantStart;

    @Option(names = "--weight-quant", description = "PER_CHANNEL or PER_TENSOR weight scales (default: ${DEFAULT-VALUE})")
    WeightGranularity weightQuant = D.weightGranularity;

    @Option(names = "--observer", description = "activation range observer: EMA or MINMAX (default: ${DEFAULT-VALUE})")
    ObserverKind observer = D.observer;

    @Option(names = "--observer-momentum", description = "EMA observer weight of a new batch (default: ${DEFAULT-VALUE})")
    float observerMomentum = D.observerMomentum;

    @Option(names = "--ste", description = "straight-through estimator: CLIPPED or IDENTITY (default: ${DEFAULT-VALUE})")
    SteMode ste = D.ste;

    @Option(names = "--freeze-bn-at", description = "the student normalises with frozen running statistics from this "
            + "fraction of phase 1; 1 = only in phase 2 (default: ${DEFAULT-VALUE})")
    double freezeBnAt = D.freezeBatchNormAt;

    @Option(names = "--calibration-batches", description = "training batches for post-training calibration of runs "
            + "without QAT (default: ${DEFAULT-VALUE})")
    int calibrationBatches = D.calibrationBatches;

    // ---- phase 2
    @Option(names = "--temperature", description = "distillation temperature T (default: ${DEFAULT-VALUE})")
    double temperature = D.temperature;

    @Option(names = "--distill-weight", description = "weight λ of the T²·KL term (default: ${DEFAULT-VALUE})")
    double distillWeight = D.distillWeight;

    @Option(names = "--teacher-warmup", description = "fraction of phase 2 before the student learns from the teacher "
            + "(λ = 0 until then: the teacher's restored weights train on the labels first) (default: ${DEFAULT-VALUE})")
    double teacherWarmup = D.teacherWarmup;

    @Option(names = "--student-ce-weight", description = "weight of the student's cross-entropy (default: ${DEFAULT-VALUE})")
    double studentCeWeight = D.studentCeWeight;

    @Option(names = "--teacher-ce-weight", description = "weight of the teacher's cross-entropy (default: ${DEFAULT-VALUE})")
    double teacherCeWeight = D.teacherCeWeight;

    @Option(names = "--teacher-precision", description = "FLOAT or INT8 teacher weights (default: ${DEFAULT-VALUE})")
    PqkConfig.TeacherPrecision teacherPrecision = D.teacherPrecision;

    @Option(names = "--teacher-bn", description = "SEPARATE or SHARED BatchNorm statistics of the teacher "
            + "(default: ${DEFAULT-VALUE})")
    PqkConfig.TeacherBatchNorm teacherBn = D.teacherBatchNorm;

    @Option(names = "--mutual", description = "let the distillation term train the teacher too (default: detached)")
    boolean mutual;

    @Option(names = "--student-batch-stats", description = "in phase 2 the student keeps normalising with batch "
            + "statistics (default: frozen running statistics, exactly the int8 layer)")
    boolean studentBatchStats;

    // ---- bookkeeping
    @Option(names = "--checkpoint-every", description = "checkpoint every N steps; 0 = at phase ends (default: ${DEFAULT-VALUE})")
    int checkpointEvery = D.checkpointEvery;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = D.seed;

    @Option(names = "--threads", description = "worker threads (default: all cores; results do not depend on it)")
    Integer threads;

    /** The configuration for one sparsity (train takes exactly one). */
    PqkConfig toConfig() {
        if (sparsity.size() != 1) {
            throw new IllegalArgumentException("--sparsity takes one value here (pqk ablate takes a list), got " + sparsity);
        }
        return toConfig(sparsity.get(0));
    }

    PqkConfig toConfig(double targetSparsity) {
        PqkConfig c = new PqkConfig();
        c.seed = seed;
        c.batchSize = batch;
        c.phase1Steps = phase1Steps;
        c.phase2Steps = phase2Steps;
        c.phase2Mode = phase2;
        c.targetSparsity = targetSparsity;
        c.optimizer = optimizer;
        c.momentum = momentum;
        c.nesterov = nesterov;
        c.weightDecay = weightDecay;
        c.phase1Lr = lr;
        c.phase1FinalLr = finalLr;
        c.phase2Lr = phase2Lr;
        c.phase2FinalLr = phase2FinalLr;
        c.lrSchedule = lrSchedule;
        c.warmupSteps = warmupSteps;
        c.stepGamma = stepGamma;
        c.stepMilestones = new ArrayList<>(stepMilestones);
        c.pruneScope = pruneScope;
        c.pruneStart = pruneStart;
        c.pruneEnd = pruneEnd;
        c.pruneInterval = pruneInterval;
        c.pruneExponent = pruneExponent;
        c.initialSparsity = initialSparsity;
        c.pruneDepthwise = pruneDepthwise;
        c.foldedSaliency = !rawSaliency;
        c.excludedLayers = new ArrayList<>(excluded);
        c.quantize = !noQat;
        c.activationQuantStart = activationQuantStart;
        c.weightGranularity = weightQuant;
        c.observer = observer;
        c.observerMomentum = observerMomentum;
        c.ste = ste;
        c.freezeBatchNormAt = freezeBnAt;
        c.calibrationBatches = calibrationBatches;
        c.temperature = temperature;
        c.distillWeight = distillWeight;
        c.teacherWarmup = teacherWarmup;
        c.studentCeWeight = studentCeWeight;
        c.teacherCeWeight = teacherCeWeight;
        c.teacherPrecision = teacherPrecision;
        c.teacherBatchNorm = teacherBn;
        c.detachTeacher = !mutual;
        c.freezeStudentBatchNorm = !studentBatchStats;
        c.checkpointEvery = checkpointEvery;
        return c.validate();
    }

    /** The front end: --features, or the preset's own. */
    FrontEndConfig frontEnd() {
        FrontEndConfig.FeatureType type = features;
        if (type == null) {
            type = Architectures.preset(architecture).input() == Architectures.Input.LOG_MEL
                    ? FrontEndConfig.FeatureType.LOG_MEL : FrontEndConfig.FeatureType.MFCC;
        }
        return (type == FrontEndConfig.FeatureType.MFCC ? FrontEndConfig.mfccDefault() : FrontEndConfig.logMelDefault())
                .withFft(fft);
    }
}
