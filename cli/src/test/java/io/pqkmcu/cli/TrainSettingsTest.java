package io.pqkmcu.cli;

import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.Setting;
import io.pqkmcu.trainer.pqk.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every PqkConfig setting is an option of pqk train, ablate and demo, and what the command line says reaches
 * the configuration, its fingerprint and its validation. The settings are found here by reflection on
 * PqkConfig's public fields, not through the code under test, so a field without an option fails.
 */
class TrainSettingsTest {
    private static final List<String> COMMANDS = List.of("train", "ablate", "demo");

    private static List<Field> settingFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : PqkConfig.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        return fields;
    }

    private static CommandLine pqk() {
        CommandLine cl = new CommandLine(new PqkMain());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The training options of {@code command} after parsing {@code args}. */
    private static TrainOptions parse(String command, String... args) {
        CommandLine cl = pqk();
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        cl.parseArgs(all.toArray(String[]::new));
        Object c = cl.getSubcommands().get(command).getCommand();
        return c instanceof TrainCommand t ? t.options : c instanceof AblateCommand a ? a.training : ((DemoCommand) c).training;
    }

    /** Values to try instead of {@code v}, of the field's type: the first one in range that validates is used. */
    private static List<Object> candidates(Field f, Object v) {
        if (v instanceof Boolean b) {
            return List.of(!b);
        }
        if (v instanceof Enum<?> e) {
            Object[] all = e.getDeclaringClass().getEnumConstants();
            return List.of(all[(e.ordinal() + 1) % all.length]);
        }
        if (v instanceof List<?>) {
            return List.of(f.getName().equals("excludedLayers") ? List.of("conv1") : List.of(0.5));
        }
        if (v instanceof Integer i) {
            return List.of(i + 1, i - 1);
        }
        if (v instanceof Long l) {
            return List.of(l + 1);
        }
        double x = ((Number) v).doubleValue();
        List<Object> out = new ArrayList<>();
        for (double c : new double[] {x / 2, 0.5, x * 2, x + 1}) {
            if (c != x) {
                out.add(v instanceof Float ? (Object) (float) c : (Object) c);
            }
        }
        return out;
    }

    /** The command-line arguments that set the field to {@code value}. */
    private static String[] args(Setting s, Object value) {
        if (value instanceof Boolean) {
            return new String[] {s.option()};
        }
        String text = value instanceof List<?> l
                ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(value);
        return new String[] {s.option(), text};
    }

    @Test
    void everySettingIsAnOptionOfTrainAblateAndDemo() {
        for (String command : COMMANDS) {
            CommandLine.Model.CommandSpec spec = pqk().getSubcommands().get(command).getCommandSpec();
            for (Field f : settingFields()) {
                Setting s = f.getAnnotation(Setting.class);
                assertNotNull(s, "PqkConfig." + f.getName() + " has no @Setting");
                assertNotNull(spec.findOption(s.option()), "pqk " + command + " has no " + s.option());
            }
        }
    }

    @Test
    void aValueGivenOnTheCommandLineReachesTheConfigurationAndItsFingerprint() throws Exception {
        PqkConfig base = parse("train").toConfig();
        assertEquals(new PqkConfig().fingerprint(), base.fingerprint(), "no option given: PqkConfig's defaults");
        for (Field f : settingFields()) {
            Setting s = f.getAnnotation(Setting.class);
            Object before = f.get(base);
            PqkConfig given = null;
            Object value = null;
            for (Object candidate : candidates(f, before)) {
                try {
                    given = parse("train", args(s, candidate)).toConfig();
                    value = candidate;
                    break;
                } catch (IllegalArgumentException outOfRange) {
                    // try the next value
                }
            }
            assertNotNull(given, s.option() + ": no value of " + candidates(f, before) + " was accepted");
            Object expected = value instanceof Boolean ? s.flagSets() : value;
            assertEquals(expected, f.get(given), s.option() + " " + value + " must set PqkConfig." + f.getName());
            assertNotEquals(before, f.get(given), s.option() + " must change " + f.getName());
            if (s.fingerprinted()) {
                assertNotEquals(base.fingerprint(), given.fingerprint(), s.option() + " must change the fingerprint");
            } else {
                assertEquals(base.fingerprint(), given.fingerprint(), s.option() + " must not change the fingerprint");
            }
        }
    }

    @Test
    void aValueOutOfItsRangeIsRefusedNamingTheOption() {
        int checked = 0;
        for (Field f : settingFields()) {
            Setting s = f.getAnnotation(Setting.class);
            if (s.range().isEmpty()) {
                continue;
            }
            Settings.Range r = Settings.Range.parse(s.range());
            double bad = !r.low().equals("-inf") ? Double.parseDouble(r.low()) - (r.lowIncluded() ? 1 : 0)
                    : Double.parseDouble(r.high()) + (r.highIncluded() ? 1 : 0);
            boolean integral = f.getType() == int.class || f.getType() == long.class;
            String text = integral ? Long.toString((long) bad) : Double.toString(bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse("train", s.option(), text).toConfig(), s.option() + " " + text + " must be refused");
            assertTrue(e.getMessage().startsWith(s.option() + " ") && e.getMessage().contains("must be")
                    && e.getMessage().contains("got"), e.getMessage());
            checked++;
        }
        assertTrue(checked >= 25, "ranges checked: " + checked); // 28 of the 46 settings have one
    }

    @Test
    void trainRefusesAnOutOfRangeValueWithOneLineAndExitCode1(@TempDir Path tmp) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = PqkMain.run("train", "--data", tmp.resolve("none").toString(), "--out", tmp.resolve("m.pqkm").toString(),
                    "--teacher-warmup", "1");
        } finally {
            System.setErr(err);
        }
        assertEquals(1, code);
        assertEquals("pqk train: --teacher-warmup must be in [0, 1), got 1.0", buf.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void featureNormalizationReachesTheFrontEnd() {
        io.pqkmcu.model.frontend.FrontEndConfig.Normalization none = io.pqkmcu.model.frontend.FrontEndConfig.Normalization.NONE;
        io.pqkmcu.model.frontend.FrontEndConfig.Normalization cmn = io.pqkmcu.model.frontend.FrontEndConfig.Normalization.CMN;
        for (String command : COMMANDS) {
            // pqk demo's recipe normalises (README "Unseen voices"); train and ablate keep earlier models' front end
            assertEquals(command.equals("demo") ? cmn : none, parse(command).frontEnd().normalization(), command);
            assertEquals(cmn, parse(command, "--cmn").frontEnd().normalization(), command);
            assertEquals(cmn, parse(command, "--feature-normalization", "cmn").frontEnd().normalization(), command);
            assertEquals(none, parse(command, "--feature-normalization", "NONE").frontEnd().normalization(), command);
        }
        TrainOptions logMel = parse("train", "--features", "LOG_MEL", "--fft", "COMPLEX", "--cmn");
        assertEquals(io.pqkmcu.model.frontend.FrontEndConfig.logMelDefault()
                .withFft(io.pqkmcu.model.frontend.FrontEndConfig.FftKind.COMPLEX).withNormalization(cmn), logMel.frontEnd());
        assertThrows(CommandLine.ParameterException.class, () -> parse("train", "--feature-normalization", "MEAN"));
    }

    @Test
    void eachCommandKeepsItsOwnDefaults() {
        assertEquals(List.of(0.8), parse("train").sparsity);
        assertEquals(List.of(0.8, 0.9), parse("ablate").sparsity);
        assertEquals(List.of(0.5), parse("ablate", "--sparsity", "0.5").sparsity);
        assertEquals(1000, parse("demo").toConfig().phase2Steps);
        assertEquals(1500, parse("train").toConfig().phase2Steps);
        assertEquals(3000, parse("demo", "--phase2-steps", "3000").toConfig().phase2Steps);
        assertEquals(PqkConfig.OptimizerKind.SGD, parse("train", "--optimizer", "sgd").toConfig().optimizer,
                "enum values are case-insensitive");
        String help = pqk().getSubcommands().get("demo").getUsageMessage();
        assertTrue(help.contains("steps of teacher-student distillation (default:") && help.contains("1000)"), help);
    }
}
