package io.pqkmcu.cli;

import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.pqk.PqkConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * PQK training options shared by {@code pqk train}, {@code pqk ablate} and {@code pqk demo} (a picocli
 * mixin): the network and its front end, and every {@link PqkConfig} setting, whose options come from the
 * settings' own declarations ({@link SettingOptions}).
 */
final class TrainOptions {
    /** Every setting but the target sparsity, as parsed; before parsing, the command's defaults. */
    final PqkConfig config;

    /** The target sparsities: train takes one, ablate trains once per value. */
    List<Double> sparsity;

    @Option(names = "--arch", description = "architecture preset: ds-cnn (MLPerf Tiny KWS), ds-cnn-wide (the same at 96 channels), ds-cnn-s, ds-cnn-m, ds-cnn-l "
            + "(Hello Edge), res8, res8-narrow, res15 (Tang & Lin), resnet8 (MLPerf Tiny CIFAR-10), fmnist-cnn, "
            + "ds-cnn-tiny (default: ${DEFAULT-VALUE})")
    String architecture = "ds-cnn";

    @Option(names = "--features", description = "front end: MFCC (49x10) or LOG_MEL (49x40) (default: the preset's — "
            + "LOG_MEL for res8/res15, MFCC otherwise)")
    FrontEndConfig.FeatureType features;

    @Option(names = "--fft", description = "front end FFT: REAL (version 2) or COMPLEX (version 1, as models trained "
            + "before version 2) (default: ${DEFAULT-VALUE})")
    FrontEndConfig.FftKind fft = FrontEndConfig.FftKind.REAL;

    @Option(names = "--feature-normalization", description = "front end: NONE, or CMN (per-window cepstral mean "
            + "normalisation: each feature's mean over the window's frames is subtracted before int8) "
            + "(default: ${DEFAULT-VALUE})")
    FrontEndConfig.Normalization featureNormalization = FrontEndConfig.Normalization.NONE;

    @Option(names = "--cmn", description = "the same as --feature-normalization CMN")
    boolean cmn;

    /**
     * One option per PqkConfig setting (after --fft, before --threads in --help), built from the settings'
     * declarations; --sparsity is bound to {@link #sparsity}, the others to {@link #config}.
     */
    @Mixin
    CommandSpec settings;

    @Option(names = "--threads", description = "worker threads (default: all cores; results do not depend on it)")
    Integer threads;

    TrainOptions() {
        this(new PqkConfig(), List.of(new PqkConfig().targetSparsity));
    }

    /** Options whose defaults are {@code defaults}' settings and {@code sparsities} (pqk demo's and ablate's own). */
    @SuppressWarnings("unchecked")
    TrainOptions(PqkConfig defaults, List<Double> sparsities) {
        config = defaults.copy();
        sparsity = new ArrayList<>(sparsities);
        settings = SettingOptions.mixin(config, "targetSparsity",
                new SettingOptions.Binding(() -> sparsity, v -> sparsity = (List<Double>) v));
    }

    /** The configuration for one sparsity (train takes exactly one). */
    PqkConfig toConfig() {
        if (sparsity.size() != 1) {
            throw new IllegalArgumentException("--sparsity takes one value here (pqk ablate takes a list), got " + sparsity);
        }
        return toConfig(sparsity.get(0));
    }

    /** The settings as given, with this target sparsity; refuses, naming the option, any value out of range. */
    PqkConfig toConfig(double targetSparsity) {
        PqkConfig c = config.copy();
        c.targetSparsity = targetSparsity;
        return c.validate();
    }

    /** The front end: --features, or the preset's own, with --fft and --feature-normalization / --cmn. */
    FrontEndConfig frontEnd() {
        FrontEndConfig.FeatureType type = features;
        if (type == null) {
            type = Architectures.preset(architecture).input() == Architectures.Input.LOG_MEL
                    ? FrontEndConfig.FeatureType.LOG_MEL : FrontEndConfig.FeatureType.MFCC;
        }
        return (type == FrontEndConfig.FeatureType.MFCC ? FrontEndConfig.mfccDefault() : FrontEndConfig.logMelDefault())
                .withFft(fft).withNormalization(cmn ? FrontEndConfig.Normalization.CMN : featureNormalization);
    }
}
