package io.pqkmcu.cli;

import picocli.CommandLine;

import java.io.UncheckedIOException;

/**
 * Turns exceptions into one clear line on stderr and a non-zero exit code. Our own errors carry
 * messages written for users; anything else is a bug, reported as such. PQK_DEBUG=1 shows stack traces.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_USER_ERROR = 1;
    static final int EXIT_INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = System.getenv("PQK_DEBUG") != null;
        Throwable cause = ex;
        if (ex instanceof UncheckedIOException && ex.getCause() != null && ex.getMessage() == null) {
            cause = ex.getCause();
        }
        String message = cause.getMessage();
        boolean userError = message != null && !message.isBlank() && !(cause instanceof NullPointerException)
                && !(cause instanceof ClassCastException) && !(cause instanceof ArrayIndexOutOfBoundsException);
        if (userError) {
            cl.getErr().println("pqk " + cl.getCommandName() + ": " + message);
        } else {
            cl.getErr().println("pqk " + cl.getCommandName() + ": internal error (" + cause
                    + "); please report it with the command you ran. Rerun with PQK_DEBUG=1 for details.");
        }
        if (debug) {
            ex.printStackTrace(cl.getErr());
        }
        return userError ? EXIT_USER_ERROR : EXIT_INTERNAL_ERROR;
    }
}
