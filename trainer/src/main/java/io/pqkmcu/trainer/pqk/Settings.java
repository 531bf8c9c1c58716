package io.pqkmcu.trainer.pqk;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of {@link PqkConfig}: its public fields, each declared with a {@link Setting}, read by reflection
 * in declaration order. What a setting's annotation says is checked here ({@link #checkRanges}); the command
 * line builds its options from {@link #all()}.
 */
public final class Settings {
    private static final List<Field> ALL = collect();

    private Settings() {}

    /** Every setting, in the order PqkConfig declares them (the order of {@code pqk train --help}). */
    public static List<Field> all() {
        return ALL;
    }

    /** The declaration of a setting. */
    public static Setting of(Field field) {
        return field.getAnnotation(Setting.class);
    }

    /** The command-line option of the setting held by {@code fieldName}, for messages about it. */
    public static String option(String fieldName) {
        for (Field f : ALL) {
            if (f.getName().equals(fieldName)) {
                return of(f).option();
            }
        }
        throw new IllegalArgumentException("no setting " + fieldName);
    }

    /** The value of a setting in {@code config}. */
    public static Object get(Field field, PqkConfig config) {
        try {
            return field.get(config);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses, naming the option, the first value outside its declared range. */
    static void checkRanges(PqkConfig config) {
        for (Field f : ALL) {
            String declared = of(f).range();
            if (declared.isEmpty()) {
                continue;
            }
            Range range = Range.parse(declared);
            Object value = get(f, config);
            for (Object v : value instanceof List<?> list ? list : List.of(value)) {
                double x = ((Number) v).doubleValue();
                if (!range.contains(x)) {
                    throw new IllegalArgumentException(of(f).option() + (value instanceof List<?> ? " values" : "")
                            + " must be " + range.describe() + ", got " + v);
                }
            }
        }
    }

    private static List<Field> collect() {
        List<Field> fields = new ArrayList<>();
        for (Field f : PqkConfig.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !Modifier.isPublic(f.getModifiers())) {
                continue;
            }
            if (f.getAnnotation(Setting.class) == null) {
                throw new IllegalStateException("PqkConfig." + f.getName() + " has no @Setting: declare its option");
            }
            fields.add(f);
        }
        return List.copyOf(fields);
    }

    /** An interval as a {@link Setting#range()} writes it: {@code [0, 1)}, {@code (0, inf)}. */
    public record Range(String low, boolean lowIncluded, String high, boolean highIncluded) {
        public static Range parse(String text) {
            String t = text.trim();
            int comma = t.indexOf(',');
            if (t.length() < 5 || comma < 0 || "[(".indexOf(t.charAt(0)) < 0 || "])".indexOf(t.charAt(t.length() - 1)) < 0) {
                throw new IllegalArgumentException("not an interval: '" + text + "' (write e.g. [0, 1) or (0, inf))");
            }
            return new Range(t.substring(1, comma).trim(), t.charAt(0) == '[', t.substring(comma + 1, t.length() - 1).trim(),
                    t.charAt(t.length() - 1) == ']');
        }

        private static double bound(String s) {
            return s.equals("inf") ? Double.POSITIVE_INFINITY : s.equals("-inf") ? Double.NEGATIVE_INFINITY
                    : Double.parseDouble(s);
        }

        public boolean contains(double x) {
            double lo = bound(low);
            double hi = bound(high);
            return (lowIncluded ? x >= lo : x > lo) && (highIncluded ? x <= hi : x < hi);
        }

        /** "in [0, 1)", or "&gt;= 2" when there is no upper bound. */
        public String describe() {
            if (high.equals("inf") && !low.equals("-inf")) {
                return (lowIncluded ? ">= " : "> ") + low;
            }
            return "in " + (lowIncluded ? "[" : "(") + low + ", " + high + (highIncluded ? "]" : ")");
        }
    }
}
