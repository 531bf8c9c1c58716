package io.pqkmcu.codegen.stream;

import java.util.List;

/**
 * What a streaming firmware listens to: a long 16-bit audio stream at the front end's sample rate (stored
 * in flash) and the detector's settings; optionally the words planted in the stream, which the project keeps
 * ({@value #PLANTED_FILE}) so that {@code pqk simulate} can score the detections.
 */
public record StreamInput(short[] audio, StreamConfig config, List<StreamScore.Word> planted) {
    /** Where a stream project keeps the planted words, relative to the project folder. */
    public static final String PLANTED_FILE = "stream_planted.csv";

    public StreamInput {
        if (audio.length == 0) {
            throw new IllegalArgumentException("the audio stream is empty");
        }
        audio = audio.clone();
        planted = List.copyOf(planted);
    }

    /** A stream whose words are not known. */
    public StreamInput(short[] audio, StreamConfig config) {
        this(audio, config, List.of());
    }

    @Override
    public short[] audio() {
        return audio.clone();
    }
}
