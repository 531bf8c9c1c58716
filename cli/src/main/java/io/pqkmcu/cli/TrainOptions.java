package io.pqkmcu.cli;

import io.pqkmcu.trainer.frontend.FrontEndConfig;
import io.pqkmcu.trainer.pqk.PqkConfig;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** PQK training options shared by {@code pqk train} and {@code pqk demo} (a picocli mixin). */
final class TrainOptions {
    @Option(names = "--arch", description = "architecture preset: ds-cnn (MLPerf Tiny KWS), ds-cnn-tiny (default: ${DEFAULT-VALUE})")
    String architecture = "ds-cnn";

    @Option(names = "--features", description = "front end: MFCC (49x10) or LOG_MEL (49x40) (default: ${DEFAULT-VALUE})")
    FrontEndConfig.FeatureType features = FrontEndConfig.FeatureType.MFCC;

    @Option(names = "--sparsity", description = "fraction of weights pruned in phase 1 (default: ${DEFAULT-VALUE})")
    double sparsity = new PqkConfig().targetSparsity;

    @Option(names = "--phase1-steps", description = "steps of pruning + QAT (default: ${DEFAULT-VALUE})")
    int phase1Steps = new PqkConfig().phase1Steps;

    @Option(names = "--phase2-steps", description = "steps of teacher-student distillation (default: ${DEFAULT-VALUE})")
    int phase2Steps = new PqkConfig().phase2Steps;

    @Option(names = "--phase2", description = "DISTILL (PQK), FINETUNE (no teacher) or NONE (default: ${DEFAULT-VALUE})")
    PqkConfig.Phase2Mode phase2 = new PqkConfig().phase2Mode;

    @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch = new PqkConfig().batchSize;

    @Option(names = "--lr", description = "phase-1 learning rate, cosine-decayed (default: ${DEFAULT-VALUE})")
    float lr = new PqkConfig().phase1Lr;

    @Option(names = "--phase2-lr", description = "phase-2 learning rate, cosine-decayed (default: ${DEFAULT-VALUE})")
    float phase2Lr = new PqkConfig().phase2Lr;

    @Option(names = "--temperature", description = "distillation temperature T (default: ${DEFAULT-VALUE})")
    double temperature = new PqkConfig().temperature;

    @Option(names = "--distill-weight", description = "weight λ of the T²·KL term (default: ${DEFAULT-VALUE})")
    double distillWeight = new PqkConfig().distillWeight;

    @Option(names = "--prune-scope", description = "PER_LAYER or GLOBAL magnitude threshold (default: ${DEFAULT-VALUE})")
    PqkConfig.PruneScope pruneScope = new PqkConfig().pruneScope;

    @Option(names = "--prune-depthwise", description = "prune depthwise layers too (off: they hold few weights and "
            + "pruning them hurts accuracy most)")
    boolean pruneDepthwise;

    @Option(names = "--exclude", split = ",", description = "layers never pruned, e.g. conv1,fc")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--teacher-precision", description = "FLOAT or INT8 teacher weights (default: ${DEFAULT-VALUE})")
    PqkConfig.TeacherPrecision teacherPrecision = new PqkConfig().teacherPrecision;

    @Option(names = "--mutual", description = "let the distillation term train the teacher too (default: detached)")
    boolean mutual;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = new PqkConfig().seed;

    @Option(names = "--threads", description = "worker threads (default: all cores; results do not depend on it)")
    Integer threads;

    PqkConfig toConfig() {
        PqkConfig c = new PqkConfig();
        c.seed = seed;
        c.batchSize = batch;
        c.phase1Steps = phase1Steps;
        c.phase2Steps = phase2Steps;
        c.phase2Mode = phase2;
        c.targetSparsity = sparsity;
        c.phase1Lr = lr;
        c.phase2Lr = phase2Lr;
        c.temperature = temperature;
        c.distillWeight = distillWeight;
        c.pruneScope = pruneScope;
        c.excludedLayers = new ArrayList<>(excluded);
        c.pruneDepthwise = pruneDepthwise;
        c.teacherPrecision = teacherPrecision;
        c.detachTeacher = !mutual;
        return c.validate();
    }

    FrontEndConfig frontEnd() {
        return features == FrontEndConfig.FeatureType.MFCC ? FrontEndConfig.mfccDefault() : FrontEndConfig.logMelDefault();
    }
}
