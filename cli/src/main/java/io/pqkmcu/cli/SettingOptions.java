package io.pqkmcu.cli;

import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.Setting;
import io.pqkmcu.trainer.pqk.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The command-line options of {@link PqkConfig}'s settings, built with picocli's programmatic API from each
 * field's {@link Setting}: the option's name, the field's type, its default (the field's value in the
 * configuration given, so a command can have its own: {@code pqk demo} trains 1000 phase-2 steps) and its
 * description, to which --help appends the default. Nothing about a setting is written here; a new field of
 * PqkConfig is an option of {@code pqk train}, {@code ablate} and {@code demo} without a line in this module.
 */
final class SettingOptions {
    private SettingOptions() {}

    /**
     * A mixin of one option per setting, in PqkConfig's order, writing into {@code target}. The setting named
     * {@code swept} takes a comma-separated list instead of one value and is bound to {@code sweep}
     * ({@code pqk ablate} trains once per sparsity).
     */
    static CommandSpec mixin(PqkConfig target, String swept, Binding sweep) {
        CommandSpec spec = CommandSpec.create();
        for (Field f : Settings.all()) {
            Setting s = Settings.of(f);
            OptionSpec.Builder o = OptionSpec.builder(s.option()).paramLabel(label(s.option()));
            Binding binding;
            if (f.getName().equals(swept)) {
                o.type(List.class).auxiliaryTypes(f.getType() == double.class ? Double.class : f.getType()).splitRegex(",");
                binding = sweep;
            } else if (f.getType() == boolean.class) {
                // a flag: present sets the field to flagSets (--no-qat: quantize = false)
                binding = new Binding(() -> (Boolean) Settings.get(f, target) == s.flagSets(),
                        present -> set(f, target, (Boolean) present ? s.flagSets() : !s.flagSets()));
                if ((Boolean) binding.get()) {
                    throw new IllegalStateException(s.option() + " is a flag and cannot be on by default");
                }
                o.type(boolean.class);
            } else {
                if (f.getType() == List.class) {
                    o.type(List.class).auxiliaryTypes(elementType(f)).splitRegex(",");
                } else {
                    o.type(f.getType());
                }
                binding = new Binding(() -> Settings.get(f, target), v -> set(f, target, v));
            }
            Object initial = binding.get();
            o.initialValue(initial).getter(binding).setter(binding).description(s.description() + shownDefault(s, f, initial));
            spec.addOption(o.build());
        }
        return spec;
    }

    /** " (default: …)" for --help; flags say theirs in the description, and an empty list has none. */
    private static String shownDefault(Setting s, Field f, Object initial) {
        if (f.getType() == boolean.class || initial instanceof List<?> l && l.isEmpty()) {
            return "";
        }
        return " (default: " + (s.shownDefault().isEmpty() ? "${DEFAULT-VALUE}" : s.shownDefault()) + ")";
    }

    /** {@code <phase2FinalLr>} for --phase2-final-lr: the option's name in camel case. */
    private static String label(String option) {
        StringBuilder sb = new StringBuilder("<");
        String[] words = option.replaceFirst("^-+", "").split("-");
        for (int i = 0; i < words.length; i++) {
            sb.append(i == 0 ? words[i] : Character.toUpperCase(words[i].charAt(0)) + words[i].substring(1));
        }
        return sb.append('>').toString();
    }

    private static Class<?> elementType(Field f) {
        return (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
    }

    private static void set(Field f, PqkConfig target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where an option's value is read and written (picocli's getter and setter, whose methods are generic). */
    static final class Binding implements IGetter, ISetter {
        private final Supplier<Object> getter;
        private final Consumer<Object> setter;

        Binding(Supplier<Object> getter, Consumer<Object> setter) {
            this.getter = getter;
            this.setter = setter;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) getter.get();
        }

        @Override
        public <T> T set(T value) {
            T old = get();
            setter.accept(value);
            return old;
        }
    }
}
