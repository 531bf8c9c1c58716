package io.pqkmcu.trainer.kws;

import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.data.KwsAugmentation;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsEntry;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.Seeds;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Parallel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training split of a keyword-spotting dataset, augmented on the fly ({@link KwsAugmentation}): every
 * batch reads its clips from disk, augments them and runs the integer front end, so nothing but the
 * background recordings is held in memory and every epoch sees different examples.
 *
 * <p>An epoch is the keyword clips, then the epoch's _unknown_ sample, then the _silence_ slots; the
 * example at a position depends only on (seed, epoch, position), so a resumed run reproduces an
 * uninterrupted one exactly, whatever the number of threads.
 */
public final class AugmentedKwsSource implements TrainingSource {
    private static final int GRAIN = 8;

    private final KwsTask task;
    private final AudioFrontEnd frontEnd;
    private final ActQuant inputQuant;
    private final KwsAugmentation augmentation;
    private final long seed;
    private final List<KwsEntry> keywords = new ArrayList<>();
    private final List<KwsEntry> fixedUnknown = new ArrayList<>();
    private final List<KwsEntry> unknownPool;
    private final int silence;
    private final List<short[]> noise = new ArrayList<>();
    private int cachedEpoch = -1;
    private List<KwsEntry> cachedUnknown;

    public AugmentedKwsSource(KwsDataset dataset, AudioFrontEnd frontEnd, ActQuant inputQuant,
                              KwsAugmentation augmentation, long seed) {
        this.task = dataset.task();
        this.frontEnd = frontEnd;
        this.inputQuant = inputQuant;
        this.augmentation = augmentation;
        this.seed = seed;
        int silenceCount = 0;
        for (KwsEntry e : dataset.train()) {
            if (task.auxiliaryClasses() && e.label() == KwsTask.SILENCE_INDEX) {
                silenceCount++;
            } else if (task.auxiliaryClasses() && e.label() == KwsTask.UNKNOWN_INDEX) {
                fixedUnknown.add(e);
            } else {
                keywords.add(e);
            }
        }
        this.silence = silenceCount;
        this.unknownPool = dataset.unknownPool(Split.TRAIN);
        for (Path p : dataset.backgroundNoise()) {
            noise.add(WavFile.readKwsClip(p, task.sampleRate()));
        }
    }

    @Override
    public List<String> classNames() {
        return task.labels();
    }

    @Override
    public int height() {
        return frontEnd.config().frames();
    }

    @Override
    public int width() {
        return frontEnd.config().featuresPerFrame();
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public ActQuant inputQuant() {
        return inputQuant;
    }

    @Override
    public String settings() {
        return "augmented " + augmentation + " seed " + seed;
    }

    @Override
    public int size() {
        return keywords.size() + fixedUnknown.size() + silence;
    }

    /** The _unknown_ examples of an epoch: a fresh seeded sample of the pool, or the fixed one. */
    synchronized List<KwsEntry> unknownOf(int epoch) {
        if (!augmentation.resampleUnknown() || unknownPool.size() <= fixedUnknown.size()) {
            return fixedUnknown;
        }
        if (epoch != cachedEpoch) {
            List<KwsEntry> pool = new ArrayList<>(unknownPool);
            Collections.shuffle(pool, Seeds.random(seed, "augment/unknown/" + epoch));
            cachedUnknown = List.copyOf(pool.subList(0, fixedUnknown.size()));
            cachedEpoch = epoch;
        }
        return cachedUnknown;
    }

    @Override
    public Batch batch(int epoch, int[] order, int from, int to) {
        List<KwsEntry> unknown = unknownOf(epoch);
        int n = to - from;
        byte[][] rows = new byte[n][];
        int[] labels = new int[n];
        FrontEndConfig c = frontEnd.config();
        Parallel.forChunks(n, GRAIN, (chunk, lo, hi) -> {
            for (int b = lo; b < hi; b++) {
                int pos = order[from + b];
                boolean isSilence = pos >= keywords.size() + unknown.size();
                short[] clip;
                if (isSilence) {
                    clip = new short[task.clipSamples()];
                    labels[b] = KwsTask.SILENCE_INDEX;
                } else {
                    KwsEntry e = pos < keywords.size() ? keywords.get(pos) : unknown.get(pos - keywords.size());
                    clip = e.load();
                    labels[b] = e.label();
                }
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "augment/" + epoch + "/" + pos));
                short[] audio = augmentation.apply(clip, isSilence, noise, c.sampleRate(), rng);
                rows[b] = frontEnd.features(audio, inputQuant.scale(), inputQuant.zeroPoint());
                if (augmentation.timeMasks() > 0 || augmentation.freqMasks() > 0) {
                    // its own stream, so masking leaves the audio augmentation of every example unchanged
                    augmentation.mask(rows[b], c.frames(), c.featuresPerFrame(), (byte) inputQuant.zeroPoint(),
                            new SplittableRandom(Seeds.derive(seed, "augment-mask/" + epoch + "/" + pos)));
                }
            }
        });
        return new Batch(FeatureSet.dequantize(rows, height(), width(), 1, inputQuant), labels);
    }
}
