package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The MLPerf Tiny KWS training augmentation (TensorFlow's speech_commands {@code input_data.py}), applied
 * to a clip on the fly:
 * <ul>
 *   <li>time shift: the clip moves by a uniform whole number of samples in ±{@code timeShiftMs}, zero-filled;</li>
 *   <li>background noise: a random window of a random {@code _background_noise_} recording is mixed in —
 *       with probability {@code backgroundProbability} at a volume uniform in [0, {@code backgroundVolume}];
 *       a _silence_ example is that noise alone, at a volume uniform in [0, {@code silenceVolume}];</li>
 *   <li>unknown sampling: with {@code resampleUnknown}, each epoch draws its _unknown_ examples afresh from
 *       all non-keyword clips (instead of the fixed sample the validation and test splits use).</li>
 * </ul>
 * The mix saturates to int16, as TensorFlow clips to [−1, 1]. Beyond MLPerf, each off by default:
 * <ul>
 *   <li>random gain: the clip (not the noise) is scaled by a gain uniform in ±{@code gainDb} dB, so the model
 *       hears quiet and loud talkers against the same noise;</li>
 *   <li>SpecAugment masking on the int8 features ({@link #mask}): {@code timeMasks} runs of up to
 *       {@code timeMaskFrames} frames and {@code freqMasks} runs of up to {@code freqMaskBins} coefficients
 *       are set to the quantized zero;</li>
 *   <li>speed perturbation ({@link SpeedPerturbation}): the clip is played at a speed uniform in
 *       ±{@code speed} (0.1 = ±10 %, on a 0.625 % grid), which moves tempo, pitch and formants together,
 *       so every utterance is heard from a slightly different, faster or slower, vocal tract;</li>
 *   <li>random equalisation: the clip (not the noise) goes through {@value #EQ_BANDS} peaking filters at
 *       log-uniform centres in {@value #EQ_MIN_HZ}–{@value #EQ_MAX_HZ} Hz, of quality 0.5–2 and gain uniform in
 *       ±{@code eqDb} dB: another voice's or microphone's spectral colour.</li>
 * </ul>
 */
public record KwsAugmentation(double timeShiftMs, double backgroundProbability, double backgroundVolume,
                              double silenceVolume, boolean resampleUnknown, double gainDb, int timeMasks,
                              int timeMaskFrames, int freqMasks, int freqMaskBins, double speed, double eqDb) {
    static final int EQ_BANDS = 2;
    static final int EQ_MIN_HZ = 100;
    static final int EQ_MAX_HZ = 6000;

    /** The MLPerf parameters alone: no gain, no masking, no speed change. */
    public KwsAugmentation(double timeShiftMs, double backgroundProbability, double backgroundVolume,
                           double silenceVolume, boolean resampleUnknown) {
        this(timeShiftMs, backgroundProbability, backgroundVolume, silenceVolume, resampleUnknown, 0, 0, 0, 0, 0, 0, 0);
    }

    public KwsAugmentation {
        if (!(eqDb >= 0 && eqDb <= 20)) {
            throw new IllegalArgumentException("random equalisation must be in 0..20 dB, got " + eqDb);
        }
        if (!(speed >= 0 && speed <= 0.3)) {
            throw new IllegalArgumentException("speed perturbation must be in 0..0.3 (±30 %), got " + speed);
        }
        if (!(gainDb >= 0 && gainDb <= 40)) {
            throw new IllegalArgumentException("random gain must be in 0..40 dB, got " + gainDb);
        }
        if (timeMasks < 0 || timeMaskFrames < 0 || freqMasks < 0 || freqMaskBins < 0) {
            throw new IllegalArgumentException("mask counts and widths must be ≥ 0");
        }
        if (!(timeShiftMs >= 0 && timeShiftMs <= 500)) {
            throw new IllegalArgumentException("time shift must be in 0..500 ms, got " + timeShiftMs);
        }
        if (!(backgroundProbability >= 0 && backgroundProbability <= 1) || !(backgroundVolume >= 0 && backgroundVolume <= 1)
                || !(silenceVolume >= 0 && silenceVolume <= 1)) {
            throw new IllegalArgumentException("background probability and volumes must be in 0..1");
        }
    }

    /** MLPerf Tiny: ±100 ms, noise on 80 % of clips at volume ≤ 0.1, silence at volume ≤ 1, unknown resampled. */
    public static KwsAugmentation mlperf() {
        return new KwsAugmentation(100, 0.8, 0.1, 1.0, true);
    }

    public KwsAugmentation withGain(double db) {
        return new KwsAugmentation(timeShiftMs, backgroundProbability, backgroundVolume, silenceVolume, resampleUnknown,
                db, timeMasks, timeMaskFrames, freqMasks, freqMaskBins, speed, eqDb);
    }

    public KwsAugmentation withMasks(int time, int timeFrames, int freq, int freqBins) {
        return new KwsAugmentation(timeShiftMs, backgroundProbability, backgroundVolume, silenceVolume, resampleUnknown,
                gainDb, time, timeFrames, freq, freqBins, speed, eqDb);
    }

    /** Speed perturbation of at most ±{@code maxChange} (0.1 = ±10 %); 0 turns it off. */
    public KwsAugmentation withSpeed(double maxChange) {
        return new KwsAugmentation(timeShiftMs, backgroundProbability, backgroundVolume, silenceVolume, resampleUnknown,
                gainDb, timeMasks, timeMaskFrames, freqMasks, freqMaskBins, maxChange, eqDb);
    }

    /** Random equalisation of up to ±{@code db} dB per band; 0 turns it off. */
    public KwsAugmentation withEq(double db) {
        return new KwsAugmentation(timeShiftMs, backgroundProbability, backgroundVolume, silenceVolume, resampleUnknown,
                gainDb, timeMasks, timeMaskFrames, freqMasks, freqMaskBins, speed, db);
    }

    /**
     * SpecAugment on a row of int8 features (frames × coefficients, row-major): masked cells become
     * {@code zeroPoint}, the quantized 0. Draws the same count of random numbers whatever is masked.
     */
    public void mask(byte[] features, int frames, int coefficients, byte zeroPoint, SplittableRandom rng) {
        for (int m = 0; m < timeMasks; m++) {
            int width = rng.nextInt(timeMaskFrames + 1);
            int start = rng.nextInt(Math.max(1, frames - width + 1));
            for (int t = start; t < Math.min(frames, start + width); t++) {
                java.util.Arrays.fill(features, t * coefficients, (t + 1) * coefficients, zeroPoint);
            }
        }
        for (int m = 0; m < freqMasks; m++) {
            int width = rng.nextInt(freqMaskBins + 1);
            int start = rng.nextInt(Math.max(1, coefficients - width + 1));
            for (int t = 0; t < frames; t++) {
                for (int f = start; f < Math.min(coefficients, start + width); f++) {
                    features[t * coefficients + f] = zeroPoint;
                }
            }
        }
    }

    /**
     * Augments one clip. Always draws the same sequence of random numbers from {@code rng}, whichever
     * branch applies, so an example's augmentation depends on its seed alone.
     *
     * @param clip       the clip (ignored for silence), exactly {@code clipSamples} long
     * @param silence    a _silence_ example: background only
     * @param noise      the background recordings (each at least one clip long); may be empty
     */
    public short[] apply(short[] clip, boolean silence, List<short[]> noise, int sampleRate, SplittableRandom rng) {
        int n = clip.length;
        int maxShift = (int) Math.round(timeShiftMs * sampleRate / 1000);
        int shift = rng.nextInt(2 * maxShift + 1) - maxShift;
        int which = rng.nextInt(Math.max(1, noise.size()));
        double offsetDraw = rng.nextDouble();
        boolean mixNoise = rng.nextDouble() < backgroundProbability;
        double volumeDraw = rng.nextDouble();
        // drawn only when gain is on, so MLPerf-only augmentation reproduces its earlier examples exactly
        float gain = gainDb > 0 ? (float) StrictMath.pow(10, gainDb * (2 * rng.nextDouble() - 1) / 20) : 1f;
        // likewise drawn only when speed perturbation is on
        int maxStep = SpeedPerturbation.maxStep(speed);
        int speedStep = speed > 0 ? rng.nextInt(2 * maxStep + 1) - maxStep : 0;
        Biquad[] eq = eqDb > 0 ? randomEq(sampleRate, rng) : new Biquad[0];
        float[] mixed = new float[n];
        if (!silence) {
            if (speedStep != 0) {
                clip = SpeedPerturbation.apply(clip, sampleRate, speedStep);
            }
            if (eq.length > 0) {
                clip = equalise(clip, eq);
            }
            for (int i = 0; i < n; i++) {
                int src = i - shift;
                mixed[i] = src >= 0 && src < n ? gain * clip[src] : 0f;
            }
        }
        double volume = silence ? volumeDraw * silenceVolume : (mixNoise ? volumeDraw * backgroundVolume : 0);
        if (!noise.isEmpty() && volume > 0) {
            short[] bg = noise.get(which);
            int offset = (int) (offsetDraw * (bg.length - n + 1));
            for (int i = 0; i < n; i++) {
                mixed[i] += (float) (volume * bg[offset + i]);
            }
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = Pcm.saturate(Math.round(mixed[i]));
        }
        return out;
    }

    private Biquad[] randomEq(int sampleRate, SplittableRandom rng) {
        Biquad[] bands = new Biquad[EQ_BANDS];
        double top = Math.min(EQ_MAX_HZ, 0.45 * sampleRate);
        for (int b = 0; b < EQ_BANDS; b++) {
            double f = EQ_MIN_HZ * StrictMath.pow(top / EQ_MIN_HZ, rng.nextDouble());
            double q = 0.5 + 1.5 * rng.nextDouble();
            double db = eqDb * (2 * rng.nextDouble() - 1);
            bands[b] = Biquad.peak(sampleRate, f, q, db);
        }
        return bands;
    }

    private static short[] equalise(short[] clip, Biquad[] bands) {
        double[] x = new double[clip.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = clip[i];
        }
        for (Biquad b : bands) {
            b.run(x);
        }
        short[] out = new short[clip.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Pcm.saturate(x[i]);
        }
        return out;
    }
}
