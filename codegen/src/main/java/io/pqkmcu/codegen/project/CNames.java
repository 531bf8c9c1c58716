package io.pqkmcu.codegen.project;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns model and layer names into C identifiers, Java type names and text that is safe inside a C
 * comment or string literal. Deterministic: the same names always give the same symbols.
 */
public final class CNames {
    private CNames() {}

    /** Lower-case C identifier: runs of other characters become one '_', a leading digit gets 'm'. */
    public static String identifier(String name) {
        StringBuilder sb = new StringBuilder();
        boolean underscore = false;
        for (char ch : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                sb.append(ch);
                underscore = false;
            } else if (!underscore && sb.length() > 0) {
                sb.append('_');
                underscore = true;
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        if (sb.length() == 0) {
            return "model";
        }
        if (Character.isDigit(sb.charAt(0))) {
            sb.insert(0, 'm');
        }
        return sb.toString();
    }

    /** UpperCamelCase Java type name from the same words as {@link #identifier}. */
    public static String javaType(String name) {
        StringBuilder sb = new StringBuilder();
        for (String word : identifier(name).split("_")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return sb.toString();
    }

    /** Text for a C or Makefile comment: no comment terminators, no control characters. */
    public static String commentSafe(String text) {
        StringBuilder sb = new StringBuilder();
        for (char ch : text.toCharArray()) {
            sb.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return sb.toString().replace("*/", "* /").replace("/*", "/ *");
    }

    /** A C string literal (with quotes); non-ASCII and control characters as octal escapes of their UTF-8 bytes. */
    public static String cString(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f || c == '?') {
                // '?' escaped too, so no trigraph can form.
                sb.append(String.format(Locale.ROOT, "\\%03o", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }

    /** Hands out unique identifiers: a name already taken gets _2, _3, ... in order of request. */
    public static final class Unique {
        private final Set<String> taken = new HashSet<>();

        public Unique(String... reserved) {
            taken.addAll(java.util.List.of(reserved));
        }

        public String next(String name) {
            String base = identifier(name);
            String candidate = base;
            for (int i = 2; !taken.add(candidate); i++) {
                candidate = base + "_" + i;
            }
            return candidate;
        }
    }
}
