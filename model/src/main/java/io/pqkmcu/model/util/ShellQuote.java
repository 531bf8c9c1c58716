package io.pqkmcu.model.util;

import java.util.regex.Pattern;

/** Quotes words for a POSIX shell, so that commands the tool suggests can be pasted as they are. */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,+@%^-]+");

    private ShellQuote() {}

    /** {@code word} unchanged when the shell would not alter it, otherwise in single quotes. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
