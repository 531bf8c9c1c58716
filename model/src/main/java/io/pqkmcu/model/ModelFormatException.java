package io.pqkmcu.model;

/** A model file or graph that cannot be used; the message says what is wrong in user terms. */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
