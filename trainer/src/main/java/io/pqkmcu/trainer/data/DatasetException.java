package io.pqkmcu.trainer.data;

/**
 * A dataset directory that cannot be read or written as asked. The message names the path and says what
 * to do about it. (Problems inside a single WAV file are {@link WavFormatException}s.)
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
