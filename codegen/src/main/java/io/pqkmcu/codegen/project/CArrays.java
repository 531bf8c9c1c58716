package io.pqkmcu.codegen.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/** Formats array initializers as lines of C literals (each line ends with a comma, as C allows). */
public final class CArrays {
    private static final int BYTES_PER_LINE = 16;
    private static final int WORDS_PER_LINE = 8;

    private CArrays() {}

    public static List<String> int8(byte[] values) {
        return lines(values.length, BYTES_PER_LINE, i -> Byte.toString(values[i]));
    }

    /** Unsigned bytes as hex, for bitstreams. */
    public static List<String> hex(byte[] values) {
        return lines(values.length, BYTES_PER_LINE, i -> String.format(Locale.ROOT, "0x%02x", values[i] & 0xff));
    }

    /** int32 literals; INT32_MIN is written as an expression because -2147483648 is not an int literal. */
    public static List<String> int32(int[] values) {
        return lines(values.length, WORDS_PER_LINE,
                i -> values[i] == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(values[i]));
    }

    /** {@code count} literals, {@code perLine} to a line, each followed by a comma and separated by a space. */
    private static List<String> lines(int count, int perLine, IntFunction<String> literal) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(literal.apply(i)).append(',');
            if (i % perLine == perLine - 1 || i == count - 1) {
                lines.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(' ');
            }
        }
        return lines;
    }
}
