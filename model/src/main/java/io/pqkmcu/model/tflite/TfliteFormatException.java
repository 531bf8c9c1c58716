package io.pqkmcu.model.tflite;

import io.pqkmcu.model.ModelFormatException;

/** A .tflite file that cannot be read or mapped to the int8 IR; the message names the defect. */
public final class TfliteFormatException extends ModelFormatException {
    public TfliteFormatException(String message) {
        super(message);
    }
}
