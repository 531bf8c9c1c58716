package io.pqkmcu.model.data;

/**
 * Decoded PCM audio.
 *
 * @param sampleRate    frames per second
 * @param channels      interleaved channels per frame
 * @param bitsPerSample the file's sample width (8, 16, 24 or 32); {@code samples} are always 16-bit:
 *                      8-bit is widened, 24/32-bit keep their top 16 bits
 * @param samples       interleaved samples, [frames × channels]
 */
public record WavAudio(int sampleRate, int channels, int bitsPerSample, short[] samples) {

    public WavAudio {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive");
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples is not a whole number of " + channels + "-channel frames");
        }
    }

    public int frames() {
        return samples.length / channels;
    }
}
