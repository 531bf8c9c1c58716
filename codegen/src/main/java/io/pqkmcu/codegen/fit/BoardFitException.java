package io.pqkmcu.codegen.fit;

/** The model does not fit the board; the message names the resource and the overflow in bytes. */
public class BoardFitException extends RuntimeException {
    public BoardFitException(String message) {
        super(message);
    }
}
