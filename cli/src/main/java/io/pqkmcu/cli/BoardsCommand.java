package io.pqkmcu.cli;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code pqk boards}: the boards firmware can be generated for, with their limits. */
@Command(name = "boards", mixinStandardHelpOptions = true,
        description = "List the supported boards: core, flash and RAM (the limits generation checks), the clock the "
                + "firmware runs at, the console UART, how each is emulated and how it is flashed.")
final class BoardsCommand implements Runnable {
    @Option(names = "--verbose", description = "also print each board's description, setup writes and flash note")
    boolean verbose;

    @Override
    public void run() {
        // The core column as wide as its longest name (cortex-m0plus), so that no row shifts.
        int coreWidth = BoardCatalog.all().stream().mapToInt(b -> b.target().core().cpuName.length()).max().orElse(4);
        String row = "%-18s %-" + coreWidth + "s %9s %9s %6s  %-28s %-22s %s%n";
        System.out.printf(Locale.ROOT, row, "board", "core", "flash", "RAM", "MHz", "console", "emulator", "flash with");
        for (Board b : BoardCatalog.all()) {
            System.out.printf(Locale.ROOT, row, b.id(),
                    b.target().core().cpuName,
                    kib(b.memory().flash().size()), kib(b.memory().ram().size()), mhz(b.clocks().coreHz()),
                    String.format(Locale.ROOT, "%s 0x%08X", b.uart().kind().descriptorName, b.uart().base()),
                    emulators(b), flashing(b));
            if (verbose) {
                System.out.println("    " + b.description());
                b.setup().forEach(w -> System.out.printf(Locale.ROOT, "    setup %-16s 0x%08X &= ~0x%08X |= 0x%08X%n",
                        w.register(), w.address(), w.clear(), w.set()));
                b.flashTools().note().ifPresent(n -> System.out.println("    flashing: " + n));
            }
        }
        System.out.println("flash and RAM are the limits `pqk generate` checks; MHz is the clock the firmware runs at "
                + "(pqk programs no PLL, so real boards run at their reset clock).");
    }

    static String emulators(Board b) {
        List<String> e = new ArrayList<>();
        b.emulators().qemuMachine().ifPresent(m -> e.add("qemu " + m));
        if (b.runsInRenode()) {
            e.add("renode");
        }
        return e.isEmpty() ? "-" : String.join(", ", e);
    }

    static String flashing(Board b) {
        List<String> t = new ArrayList<>();
        if (!b.flashTools().openocd().isEmpty()) {
            t.add("openocd");
        }
        b.flashTools().pyocdTarget().ifPresent(p -> t.add("pyocd"));
        return t.isEmpty() ? "-" : String.join(", ", t);
    }

    static String kib(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    static String mhz(long hz) {
        return hz % 1_000_000 == 0 ? Long.toString(hz / 1_000_000) : String.format(Locale.ROOT, "%.3f", hz / 1e6);
    }
}
