package io.pqkmcu.boards;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a board descriptor: a {@code .properties} file with these keys.
 *
 * <pre>
 * id              catalog id (must match the file name in the catalog)
 * description     one line
 * core            cortex-m0 | cortex-m0plus | cortex-m3 | cortex-m4 | cortex-m7 | cortex-m33 | cortex-m55
 * gcc.float-abi   soft | softfp | hard
 * gcc.fpu         -mfpu value (optional; absent = derived from the core by gcc)
 * dsp             true | false     the DSP extension is present
 * fpu             true | false     an FPU is present
 * flash.base      address (decimal or 0x hex)
 * flash.size      bytes (decimal, 0x hex, or with a K / M suffix)
 * ram.base        address
 * ram.size        bytes
 * stack.size      bytes reserved for the stack
 * clock.hz        core clock the firmware runs at (pqk programs no PLL: the reset clock on real silicon)
 * systick.hz      SysTick clock with CLKSOURCE = processor clock, as the board's emulator models it
 * uart.kind       cmsdk | stm32-usart | stm32-usart-v2 | stm32-lpuart | nrf51-uart | nrf52-uarte
 * uart.base       console UART base address
 * uart.baud       console baud rate (optional, default 115200)
 * setup.N         register write before the UART starts, N = 1, 2, ... in order (optional):
 *                 "&lt;register name&gt; &lt;address&gt; &lt;clear mask&gt; &lt;set mask&gt;", see {@link SetupWrite}
 * exit            semihosting | halt (optional; default semihosting with a QEMU machine, else halt)
 * qemu.machine    QEMU -M name (optional)
 * renode.platform Renode .repl: platforms/... (Renode's) or pqk:&lt;file&gt;.repl (shipped by pqk) (optional)
 * renode.uart     the console as Renode names it, e.g. sysbus.usart2 (required with renode.platform)
 * renode.init     monitor commands, separated by ';', replacing the stock sysbus init block (optional)
 * flash.openocd   OpenOCD scripts (*.cfg) and commands, separated by ';' (optional)
 * flash.pyocd     pyOCD target name (optional)
 * flash.note      what to know before flashing, one line (optional)
 * </pre>
 *
 * Unknown keys are refused, so a misspelt optional key cannot silently fall back to its default.
 */
public final class BoardDescriptor {
    private static final Set<String> REQUIRED = Set.of("id", "description", "core", "gcc.float-abi", "dsp", "fpu",
            "flash.base", "flash.size", "ram.base", "ram.size", "stack.size", "clock.hz", "systick.hz",
            "uart.kind", "uart.base");
    private static final Set<String> OPTIONAL = Set.of("gcc.fpu", "uart.baud", "exit", "qemu.machine",
            "renode.platform", "renode.uart", "renode.init", "flash.openocd", "flash.pyocd", "flash.note");
    private static final Pattern SETUP_KEY = Pattern.compile("setup\\.([1-9][0-9]*)");
    /** 115200 8N1: what ST-LINK and J-Link virtual COM ports and most serial terminals default to. */
    public static final long DEFAULT_BAUD = 115_200;

    private BoardDescriptor() {}

    /**
     * Parses one descriptor.
     *
     * @param source names the descriptor in error messages (file or resource name)
     * @throws IllegalArgumentException naming {@code source} and the offending key, for any bad content
     */
    public static Board parse(String source, Reader reader) {
        Properties p = new Properties();
        try {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read board descriptor " + source + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("board descriptor " + source + " is not a valid properties file: "
                    + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(REQUIRED);
        unknown.removeAll(OPTIONAL);
        unknown.removeIf(k -> SETUP_KEY.matcher(k).matches());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("board descriptor " + source + " has unknown keys " + unknown
                    + "; allowed keys: " + new TreeSet<>(REQUIRED) + " and optional " + new TreeSet<>(OPTIONAL));
        }
        Set<String> missing = new TreeSet<>(REQUIRED);
        missing.removeAll(p.stringPropertyNames());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("board descriptor " + source + " lacks the keys " + missing);
        }
        Fields f = new Fields(source, p);
        try {
            return new Board(
                    f.text("id"),
                    f.text("description"),
                    new Board.Target(
                            f.parsed("core", Core::fromName),
                            f.text("gcc.float-abi"),
                            f.optional("gcc.fpu"),
                            f.bool("dsp"),
                            f.bool("fpu")),
                    new Board.Memory(
                            new MemoryRegion(f.number("flash.base"), f.number("flash.size")),
                            new MemoryRegion(f.number("ram.base"), f.number("ram.size")),
                            f.number("stack.size")),
                    new Board.Clocks(f.number("clock.hz"), f.number("systick.hz")),
                    new Board.Uart(
                            f.parsed("uart.kind", UartKind::fromName),
                            f.number("uart.base"),
                            p.getProperty("uart.baud") == null ? DEFAULT_BAUD : f.number("uart.baud")),
                    setupWrites(source, p),
                    f.optional("exit").map(ExitMode::fromName)
                            .orElse(f.optional("qemu.machine").isPresent() ? ExitMode.SEMIHOSTING : ExitMode.HALT),
                    new Board.Emulators(f.optional("qemu.machine"), renode(source, f)),
                    new FlashTools(list(f.optional("flash.openocd")), f.optional("flash.pyocd"),
                            f.optional("flash.note")));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("board descriptor ")) {
                throw e;
            }
            throw new IllegalArgumentException("board descriptor " + source + ": " + e.getMessage(), e);
        }
    }

    /** The setup.N writes in N order; the numbers must run 1, 2, 3, ... without gaps. */
    private static List<SetupWrite> setupWrites(String source, Properties p) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            Matcher m = SETUP_KEY.matcher(k);
            if (m.matches()) {
                byIndex.put(Integer.parseInt(m.group(1)), p.getProperty(k));
            }
        }
        List<SetupWrite> writes = new ArrayList<>();
        int expected = 1;
        for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
            if (e.getKey() != expected) {
                throw new IllegalArgumentException("board descriptor " + source + ": setup." + expected
                        + " is missing (setup writes are numbered 1, 2, 3, ... and run in that order)");
            }
            try {
                writes.add(SetupWrite.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("board descriptor " + source + ": setup." + e.getKey() + ": "
                        + ex.getMessage(), ex);
            }
            expected++;
        }
        return writes;
    }

    private static Optional<RenodePlatform> renode(String source, Fields f) {
        Optional<String> platform = f.optional("renode.platform");
        Optional<String> uart = f.optional("renode.uart");
        if (platform.isEmpty()) {
            if (uart.isPresent() || f.optional("renode.init").isPresent()) {
                throw new IllegalArgumentException("board descriptor " + source
                        + ": renode.uart and renode.init need renode.platform");
            }
            return Optional.empty();
        }
        if (uart.isEmpty()) {
            throw new IllegalArgumentException("board descriptor " + source + ": renode.platform needs renode.uart "
                    + "(the console UART as Renode names it, e.g. sysbus.usart2)");
        }
        return Optional.of(new RenodePlatform(platform.get(), uart.get(), list(f.optional("renode.init"))));
    }

    /** A ';'-separated list, entries trimmed, empty entries dropped. */
    private static List<String> list(Optional<String> value) {
        List<String> out = new ArrayList<>();
        value.ifPresent(v -> {
            for (String e : v.split(";")) {
                if (!e.isBlank()) {
                    out.add(e.trim());
                }
            }
        });
        return out;
    }

    /** Typed access to the properties, with errors naming the descriptor and key. */
    private record Fields(String source, Properties p) {
        String text(String key) {
            String v = p.getProperty(key).trim();
            if (v.isEmpty()) {
                throw error(key, v, "must not be empty");
            }
            return v;
        }

        Optional<String> optional(String key) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        boolean bool(String key) {
            String v = text(key).toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
            throw error(key, v, "must be true or false");
        }

        long number(String key) {
            String v = text(key);
            String digits = v.replace("_", "");
            long unit = 1;
            if (digits.endsWith("K") || digits.endsWith("M")) {
                unit = digits.endsWith("K") ? 1024L : 1024L * 1024L;
                digits = digits.substring(0, digits.length() - 1);
            }
            try {
                long n = digits.startsWith("0x") || digits.startsWith("0X")
                        ? Long.parseLong(digits.substring(2), 16)
                        : Long.parseLong(digits);
                if (n < 0) {
                    throw error(key, v, "must not be negative");
                }
                return Math.multiplyExact(n, unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw error(key, v, "must be a number: decimal, 0x hex, optionally with a K or M suffix");
            }
        }

        <T> T parsed(String key, java.util.function.Function<String, T> parser) {
            String v = text(key);
            try {
                return parser.apply(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("board descriptor " + source + ": " + key + ": " + e.getMessage(), e);
            }
        }

        private IllegalArgumentException error(String key, String value, String why) {
            return new IllegalArgumentException("board descriptor " + source + ": " + key + " = '" + value + "' " + why);
        }
    }
}
