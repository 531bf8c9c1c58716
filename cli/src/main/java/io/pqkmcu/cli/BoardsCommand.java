package io.pqkmcu.cli;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import picocli.CommandLine.Command;

import java.util.Locale;

/** {@code pqk boards}: the boards firmware can be generated for, with their limits. */
@Command(name = "boards", mixinStandardHelpOptions = true, description = "List the supported boards and their limits.")
final class BoardsCommand implements Runnable {
    @Override
    public void run() {
        System.out.printf(Locale.ROOT, "%-18s %-13s %10s %10s %8s  %s%n", "board", "core", "flash", "RAM", "MHz", "emulator");
        for (Board b : BoardCatalog.all()) {
            System.out.printf(Locale.ROOT, "%-18s %-13s %10s %10s %8.0f  %s%n", b.id(), b.core().cpuName,
                    kib(b.flash().size()), kib(b.ram().size()), b.clockHz() / 1e6,
                    b.runsInQemu() ? "qemu " + b.qemuMachine().orElse("") : "-");
        }
    }

    static String kib(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
