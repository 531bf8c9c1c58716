package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;

import java.util.List;
import java.util.Random;

/**
 * Places a spoken word in a fixed-length clip the way a recording would hold it: at a random level and
 * time offset, over background noise at a random signal-to-noise ratio, clipped (not wrapped) to int16.
 */
final class ClipComposer {
    /** Word peak levels are drawn from this range, dB relative to full scale. */
    static final double PEAK_MIN_DBFS = -18;
    static final double PEAK_MAX_DBFS = -1;

    private final int clipSamples;
    private final List<short[]> noises;
    private final double noiseProbability;
    private final double snrMinDb;
    private final double snrMaxDb;

    /** @param noises background recordings to mix in, each at least {@code clipSamples} long */
    ClipComposer(int clipSamples, List<short[]> noises, double noiseProbability, double snrMinDb, double snrMaxDb) {
        for (short[] n : noises) {
            if (n.length < clipSamples) {
                throw new IllegalArgumentException("noise of " + n.length + " samples is shorter than a clip");
            }
        }
        this.clipSamples = clipSamples;
        this.noises = List.copyOf(noises);
        this.noiseProbability = noises.isEmpty() ? 0 : noiseProbability;
        this.snrMinDb = snrMinDb;
        this.snrMaxDb = snrMaxDb;
    }

    /** @param word trimmed speech, 1..clipSamples samples */
    short[] compose(short[] word, Random rng) {
        return compose(word, rng, null, Acoustics.Channel.FLAT);
    }

    /**
     * As {@link #compose(short[], Random)}, heard in a room and through a channel: the placed word is
     * convolved with the room's impulse response {@code ir} (null for a dry room), noise is mixed at the
     * drawn SNR against the reverberant speech, the channel filters both (the microphone hears the room
     * and its noise), and the clip is scaled back to the drawn peak level.
     */
    short[] compose(short[] word, Random rng, double[] ir, Acoustics.Channel channel) {
        if (word.length == 0 || word.length > clipSamples) {
            throw new IllegalArgumentException("word of " + word.length + " samples does not fit a " + clipSamples
                    + "-sample clip");
        }
        double peakDb = PEAK_MIN_DBFS + (PEAK_MAX_DBFS - PEAK_MIN_DBFS) * rng.nextDouble();
        double gain = StrictMath.pow(10, peakDb / 20) * Short.MAX_VALUE / Math.max(1, Pcm.peak(word));
        int offset = rng.nextInt(clipSamples - word.length + 1);
        double[] clip = new double[clipSamples];
        double power = 0;
        for (int i = 0; i < word.length; i++) {
            double v = word[i] * gain;
            clip[offset + i] = v;
            power += v * v;
        }
        boolean heard = ir != null || channel != Acoustics.Channel.FLAT;
        if (ir != null) {
            clip = Acoustics.convolve(clip, ir);
            power = 0;
            for (int i = offset; i < offset + word.length; i++) {
                power += clip[i] * clip[i];
            }
        }
        if (rng.nextDouble() < noiseProbability) {
            short[] noise = noises.get(rng.nextInt(noises.size()));
            int start = rng.nextInt(noise.length - clipSamples + 1);
            double snrDb = snrMinDb + (snrMaxDb - snrMinDb) * rng.nextDouble();
            double speechRms = Math.sqrt(power / word.length);
            double noiseRms = Pcm.rms(noise, start, start + clipSamples);
            if (noiseRms > 0) {
                double g = speechRms / (noiseRms * StrictMath.pow(10, snrDb / 20));
                for (int i = 0; i < clipSamples; i++) {
                    clip[i] += g * noise[start + i];
                }
            }
        }
        double scale = 1;
        if (heard) {
            Acoustics.applyChannel(clip, channel);
            double peak = 0;
            for (double v : clip) {
                peak = Math.max(peak, Math.abs(v));
            }
            scale = peak > 0 ? StrictMath.pow(10, peakDb / 20) * Short.MAX_VALUE / peak : 1;
        }
        short[] out = new short[clipSamples];
        for (int i = 0; i < clipSamples; i++) {
            out[i] = Pcm.saturate(clip[i] * scale);
        }
        return out;
    }
}
