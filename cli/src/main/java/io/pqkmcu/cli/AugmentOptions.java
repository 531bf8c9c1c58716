package io.pqkmcu.cli;

import io.pqkmcu.trainer.data.KwsAugmentation;
import picocli.CommandLine.Option;

/** Keyword-spotting training augmentation options, shared by pqk train and pqk demo. */
final class AugmentOptions {
    @Option(names = "--augment", negatable = true, description = "MLPerf Tiny augmentation of the keyword-spotting "
            + "training split, on the fly: ±100 ms time shift, background noise (p 0.8, volume ≤ 0.1), unknown resampled "
            + "every epoch (pqk train: off unless given; pqk demo: on, --no-augment turns it off)")
    boolean augment;

    /**
     * The demo's: augmentation on, with ±10 % speed perturbation (each raised held-out-engine validation
     * accuracy, README "Unseen voices").
     */
    static AugmentOptions demo() {
        AugmentOptions a = new AugmentOptions();
        a.augment = true;
        a.speed = 0.1;
        return a;
    }

    @Option(names = "--gain-db", description = "with --augment: random gain of each clip, uniform in ±DB dB "
            + "(default: ${DEFAULT-VALUE}, off)")
    double gainDb = 0;

    @Option(names = "--time-masks", description = "with --augment: SpecAugment time masks per example, each up to "
            + "--time-mask-frames frames of the int8 features set to zero (default: ${DEFAULT-VALUE}, off)")
    int timeMasks = 0;

    @Option(names = "--time-mask-frames", description = "widest time mask, frames (default: ${DEFAULT-VALUE})")
    int timeMaskFrames = 8;

    @Option(names = "--freq-masks", description = "with --augment: SpecAugment frequency masks per example, each up "
            + "to --freq-mask-bins feature coefficients (default: ${DEFAULT-VALUE}, off)")
    int freqMasks = 0;

    @Option(names = "--freq-mask-bins", description = "widest frequency mask, coefficients (default: ${DEFAULT-VALUE})")
    int freqMaskBins = 2;

    @Option(names = "--speed", description = "with --augment: speed perturbation, each clip played at a random speed "
            + "in ±S (0.1 = ±10 %%; tempo, pitch and formants move together) (pqk train: 0, off; pqk demo: 0.1)")
    double speed = 0;

    @Option(names = "--eq-db", description = "with --augment: random equalisation, two peaking filters (100-6000 Hz, "
            + "Q 0.5-2) of gain uniform in ±DB dB on each clip (default: ${DEFAULT-VALUE}, off)")
    double eqDb = 0;

    /** The augmentation asked for, or null for fixed training features. */
    KwsAugmentation augmentation() {
        if (!augment) {
            if (gainDb != 0 || timeMasks != 0 || freqMasks != 0 || speed != 0 || eqDb != 0) {
                throw new IllegalArgumentException("--gain-db, --time-masks, --freq-masks, --speed and --eq-db augment on "
                        + "the fly: add --augment");
            }
            return null;
        }
        return KwsAugmentation.mlperf().withGain(gainDb).withMasks(timeMasks, timeMaskFrames, freqMasks, freqMaskBins)
                .withSpeed(speed).withEq(eqDb);
    }
}
