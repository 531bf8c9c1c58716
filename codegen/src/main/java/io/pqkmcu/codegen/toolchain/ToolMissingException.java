package io.pqkmcu.codegen.toolchain;

/** A required external program is not installed; the message names the package that provides it. */
public class ToolMissingException extends RuntimeException {
    public ToolMissingException(String tool, String installHint) {
        super(tool + " is not installed or not on PATH; install it with: " + installHint);
    }
}
