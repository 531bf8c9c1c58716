package io.pqkmcu.codegen.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats array initializers as lines of C literals (each line ends with a comma, as C allows). */
public final class CArrays {
    private static final int BYTES_PER_LINE = 16;
    private static final int WORDS_PER_LINE = 8;

    private CArrays() {}

    public static List<String> int8(byte[] values) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(values[i]).append(',');
            if (i % BYTES_PER_LINE == BYTES_PER_LINE - 1 || i == values.length - 1) {
                lines.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(' ');
            }
        }
        return lines;
    }

    /** Unsigned bytes as hex, for bitstreams. */
    public static List<String> hex(byte[] values) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format(Locale.ROOT, "0x%02x,", values[i] & 0xff));
            if (i % BYTES_PER_LINE == BYTES_PER_LINE - 1 || i == values.length - 1) {
                lines.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(' ');
            }
        }
        return lines;
    }

    /** int32 literals; INT32_MIN is written as an expression because -2147483648 is not an int literal. */
    public static List<String> int32(int[] values) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(values[i] == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(values[i])).append(',');
            if (i % WORDS_PER_LINE == WORDS_PER_LINE - 1 || i == values.length - 1) {
                lines.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(' ');
            }
        }
        return lines;
    }
}
