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

    /**
     * The message for a path the JVM cannot turn into a file name: under an ASCII locale (LANG=C) no non-ASCII
     * name can be encoded. The pqk launcher switches to C.UTF-8 for that reason; this covers other ways in.
     */
    static String invalidPath(java.nio.file.InvalidPathException e) {
        String charset = System.getProperty("sun.jnu.encoding", java.nio.charset.Charset.defaultCharset().name());
        String input = e.getInput().replace("\0", "\\0");
        if (e.getReason().contains("Nul character")) {
            return "path '" + input + "' contains a NUL character, which no file name can hold";
        }
        return "path '" + input + "' cannot be used: file names are encoded in the locale's character set (" + charset
                + "), which cannot represent it (" + e.getReason() + "); run pqk under a UTF-8 locale, e.g. "
                + "LC_ALL=C.UTF-8";
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = System.getenv("PQK_DEBUG") != null;
        Throwable cause = ex;
        if (ex instanceof UncheckedIOException && ex.getCause() != null && ex.getMessage() == null) {
            cause = ex.getCause();
        }
        if (cause instanceof java.nio.file.InvalidPathException ip) {
            cl.getErr().println("pqk " + cl.getCommandName() + ": " + invalidPath(ip));
            return EXIT_USER_ERROR;
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
