package io.pqkmcu.codegen.stream;

/**
 * The streaming detector's settings, all integers so that the firmware and its Java twin
 * ({@link StreamDetector}) decide identically.
 *
 * <p>Every {@code hopSamples} the model classifies the last window of audio (the front end's clip
 * length, one second for the default MFCC front end); the window's logits become posteriors by an
 * integer softmax ({@link PosteriorTable}); each class's posterior is averaged over the last
 * {@code smoothingWindows} windows; a keyword is detected when its smoothed posterior is the highest of
 * all classes and at least {@code thresholdQ15} / 32768, unless a detection happened fewer than
 * {@code refractoryWindows} windows before.
 *
 * @param hopSamples        samples between window starts (4000 = 250 ms at 16 kHz)
 * @param smoothingWindows  posteriors averaged over this many windows (1 = no smoothing)
 * @param thresholdQ15      detection threshold on the smoothed posterior, Q15 (16384 = 0.5)
 * @param refractoryWindows after a detection at window k, the next may come at window k + this at the earliest
 */
public record StreamConfig(int hopSamples, int smoothingWindows, int thresholdQ15, int refractoryWindows) {
    /** Where a stream project records its settings, relative to the project folder. */
    public static final String FILE = "stream.properties";
    /** Posteriors are Q15: 32768 is probability 1. */
    public static final int ONE_Q15 = 1 << 15;
    /** At most this many windows are averaged (the firmware keeps them in a static ring). */
    public static final int MAX_SMOOTHING = 16;

    public StreamConfig {
        if (hopSamples <= 0) {
            throw new IllegalArgumentException("the hop must be at least one sample, got " + hopSamples);
        }
        if (smoothingWindows < 1 || smoothingWindows > MAX_SMOOTHING) {
            throw new IllegalArgumentException("smoothing must average 1.." + MAX_SMOOTHING + " windows, got "
                    + smoothingWindows);
        }
        if (thresholdQ15 <= 0 || thresholdQ15 > ONE_Q15) {
            throw new IllegalArgumentException("the detection threshold must be in (0, 1], got "
                    + thresholdQ15 / (double) ONE_Q15);
        }
        if (refractoryWindows < 1) {
            throw new IllegalArgumentException("the refractory period must cover at least one hop");
        }
    }

    /**
     * Settings in the units people think in: hop and refractory period in milliseconds (rounded to whole
     * samples and whole hops), smoothing in windows, threshold as a probability.
     */
    public static StreamConfig of(int sampleRate, int hopMs, int smoothingWindows, double threshold, int refractoryMs) {
        if (hopMs <= 0 || refractoryMs < 0) {
            throw new IllegalArgumentException("hop must be positive and the refractory period not negative (ms)");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the detection threshold must be in (0, 1], got " + threshold);
        }
        int hop = (int) Math.round((double) hopMs * sampleRate / 1000);
        int refractory = Math.max(1, (int) Math.ceil((double) refractoryMs / hopMs));
        return new StreamConfig(hop, smoothingWindows, (int) Math.round(threshold * ONE_Q15), refractory);
    }

    /**
     * 250 ms hop, 3-window smoothing, threshold 0.5, 1 s refractory period. Smoothing and threshold were chosen
     * among 1..4 windows and 0.4..0.7 on six synthetic streams (README, "Streaming keyword spotting").
     */
    public static StreamConfig defaults(int sampleRate) {
        return of(sampleRate, 250, 3, 0.5, 1000);
    }

    /** The settings as {@value #FILE} text, keys in a fixed order (generation stays deterministic). */
    public String properties() {
        return "hop_samples=" + hopSamples + "\nsmoothing_windows=" + smoothingWindows + "\nthreshold_q15=" + thresholdQ15
                + "\nrefractory_windows=" + refractoryWindows + "\n";
    }

    /** Reads {@value #FILE} of a stream project. */
    public static StreamConfig read(java.nio.file.Path projectDir) {
        java.nio.file.Path f = projectDir.resolve(FILE);
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(f)) {
            p.load(r);
            return new StreamConfig(Integer.parseInt(p.getProperty("hop_samples")),
                    Integer.parseInt(p.getProperty("smoothing_windows")), Integer.parseInt(p.getProperty("threshold_q15")),
                    Integer.parseInt(p.getProperty("refractory_windows")));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the stream settings " + f + " (" + e.getMessage()
                    + "); regenerate the project with pqk generate --stream", e);
        }
    }
}
