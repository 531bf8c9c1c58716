package io.pqkmcu.codegen.project;

/** The model is valid but the code generator cannot compile it; the message names the layer and why. */
public class UnsupportedModelException extends RuntimeException {
    public UnsupportedModelException(String message) {
        super(message);
    }
}
