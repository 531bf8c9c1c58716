package io.pqkmcu.codegen.stream;

/**
 * What a streaming firmware listens to: a long 16-bit audio stream at the front end's sample rate (stored
 * in flash) and the detector's settings.
 */
public record StreamInput(short[] audio, StreamConfig config) {
    public StreamInput {
        if (audio.length == 0) {
            throw new IllegalArgumentException("the audio stream is empty");
        }
        audio = audio.clone();
    }

    @Override
    public short[] audio() {
        return audio.clone();
    }
}
