package io.pqkmcu.trainer.kws;

import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.util.Progress;
import io.pqkmcu.trainer.data.KwsEntry;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns keyword-spotting clips into the int8 features the model sees, with the same integer front
 * end the firmware runs, and chooses the input quantization from the training data.
 */
public final class KwsFeatures {
    /** Clips whose raw features set the input range (a fixed, evenly spaced subset). */
    private static final int CALIBRATION_CLIPS = 1000;
    /** Fraction of raw values left outside the int8 input range at each end. */
    private static final double TAIL = 0.001;

    private KwsFeatures() {}

    /**
     * The model input quantization: the 0.1 %–99.9 % range of the front end's raw (Q10) values over an
     * evenly spaced subset of the training clips, widened to contain 0.
     */
    public static ActQuant calibrate(List<KwsEntry> train, AudioFrontEnd frontEnd) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training clips to calibrate the input range from");
        }
        int n = Math.min(CALIBRATION_CLIPS, train.size());
        int per = frontEnd.outputSize();
        int[][] raw = new int[n][];
        Parallel.forChunks(n, 16, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                raw[i] = frontEnd.raw(train.get((int) ((long) i * train.size() / n)).load());
            }
        });
        int[] all = new int[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(raw[i], 0, all, i * per, per);
        }
        Arrays.sort(all);
        double scale = 1 << FrontEndConfig.LOG_FRACTION_BITS;
        double lo = all[(int) Math.floor(TAIL * (all.length - 1))] / scale;
        double hi = all[(int) Math.ceil((1 - TAIL) * (all.length - 1))] / scale;
        return ActQuant.fromRange(lo, hi);
    }

    /** Runs the front end over every clip (in parallel, deterministic order) and quantizes to int8. */
    public static FeatureSet extract(List<KwsEntry> entries, List<String> labels, AudioFrontEnd frontEnd,
                                     ActQuant inputQuant, String title) {
        int n = entries.size();
        byte[][] x = new byte[n][];
        int[] y = new int[n];
        List<String> names = new ArrayList<>(n);
        for (KwsEntry e : entries) {
            names.add(e.path());
        }
        Progress progress = new Progress(title, n, 0);
        Parallel.forChunks(n, 32, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                KwsEntry e = entries.get(i);
                x[i] = frontEnd.features(e.load(), inputQuant.scale(), inputQuant.zeroPoint());
                y[i] = e.label();
                progress.step();
            }
        });
        FrontEndConfig c = frontEnd.config();
        return new FeatureSet(labels, x, y, names, c.frames(), c.featuresPerFrame(), 1, inputQuant);
    }
}
