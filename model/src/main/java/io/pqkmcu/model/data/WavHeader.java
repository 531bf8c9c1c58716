package io.pqkmcu.model.data;

/**
 * What the chunks of a validated PCM WAV file say, and where its samples are, so that a caller can read
 * a window of a long file without loading all of it.
 *
 * @param sampleRate    frames per second
 * @param channels      channels per frame
 * @param bitsPerSample 8, 16, 24 or 32
 * @param dataOffset    byte offset of the first sample in the file
 * @param dataBytes     length of the sample data in bytes (a whole number of frames)
 */
public record WavHeader(int sampleRate, int channels, int bitsPerSample, long dataOffset, long dataBytes) {

    public int blockAlign() {
        return channels * (bitsPerSample / 8);
    }

    public long frames() {
        return dataBytes / blockAlign();
    }
}
