package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Resampler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kaldi-style speed perturbation of a clip: the clip is resampled as if it had been recorded at another
 * sample rate and played back at the nominal one, so tempo, pitch and formants all move by the same
 * factor — a cheap way to make one voice sound like a shorter or longer vocal tract speaking faster or
 * slower (Ko et al., "Audio augmentation for speech recognition", 2015).
 *
 * <p>Factors lie on a grid of 1/{@value #STEPS_PER_RATE} of the sample rate (0.625 % at any rate), so the
 * converter for a factor has few polyphase branches and is built once and shared. The result is cut or
 * zero-padded back to the clip's length around its centre, where a keyword clip holds its word.
 */
public final class SpeedPerturbation {
    /** Grid of playback rates: a factor is (STEPS_PER_RATE + k) / STEPS_PER_RATE for an integer k. */
    public static final int STEPS_PER_RATE = 160;
    /** Filter half-length: 32 taps keep the band the front end reads (up to 4 kHz at 16 kHz) flat. */
    private static final int HALF_TAPS = 16;
    private static final Map<Long, Resampler> CONVERTERS = new ConcurrentHashMap<>();

    private SpeedPerturbation() {
    }

    /** The largest grid step k for a relative speed change of at most {@code maxChange} (0.1 = ±10 %). */
    public static int maxStep(double maxChange) {
        return (int) Math.floor(maxChange * STEPS_PER_RATE + 1e-9);
    }

    /**
     * The clip stretched by (STEPS_PER_RATE + k) / STEPS_PER_RATE in time: k &gt; 0 is slower and lower, k &lt; 0
     * faster and higher; the same length as {@code clip}.
     */
    public static short[] apply(short[] clip, int sampleRate, int k) {
        if (k == 0) {
            return clip.clone();
        }
        if (sampleRate % STEPS_PER_RATE != 0) {
            throw new IllegalArgumentException("speed perturbation needs a sample rate divisible by " + STEPS_PER_RATE
                    + ", got " + sampleRate + " Hz");
        }
        if (k <= -STEPS_PER_RATE / 2 || k >= STEPS_PER_RATE) {
            throw new IllegalArgumentException("speed step " + k + " is outside the supported −50 %..+100 %");
        }
        int stretchedRate = sampleRate + k * (sampleRate / STEPS_PER_RATE);
        Resampler r = CONVERTERS.computeIfAbsent(((long) sampleRate << 32) | stretchedRate,
                key -> new Resampler(sampleRate, stretchedRate, HALF_TAPS));
        short[] stretched = r.resample(clip);
        short[] out = new short[clip.length];
        int offset = (stretched.length - clip.length) / 2;
        for (int i = 0; i < out.length; i++) {
            int src = i + offset;
            out[i] = src >= 0 && src < stretched.length ? stretched[src] : 0;
        }
        return out;
    }
}
