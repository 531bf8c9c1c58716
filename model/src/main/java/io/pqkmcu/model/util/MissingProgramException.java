package io.pqkmcu.model.util;

/** An external program pqk needs is not on PATH; the message says how to install it. */
public class MissingProgramException extends RuntimeException {
    public MissingProgramException(String program, String installHint) {
        super(program + " is not installed; install it with: " + installHint);
    }
}
