package io.pqkmcu.model.data;

/**
 * A WAV file that cannot be used. The message starts with the file's path and says what is wrong in user
 * terms, with a fix where one exists (for example the sox command that converts the file).
 */
public class WavFormatException extends RuntimeException {
    public WavFormatException(String message) {
        super(message);
    }

    public WavFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
