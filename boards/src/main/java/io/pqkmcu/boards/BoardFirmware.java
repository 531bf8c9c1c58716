package io.pqkmcu.boards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assembles a board's firmware support files: the static C runtime and startup resources, the
 * {@code pqk_board_config.h} written from the descriptor, and the linker script filled from its
 * template by plain {@code @NAME@} substitution (no template engine: the script has six numbers).
 */
final class BoardFirmware {
    static final String RESOURCE_ROOT = "/io/pqkmcu/boards/";
    static final String CONFIG_HEADER = "pqk_board_config.h";
    static final String LINKER_SCRIPT = "pqk_board.ld";

    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    private BoardFirmware() {}

    static SortedMap<String, String> files(Board board) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("pqk_board.h", resource("c/pqk_board.h"));
        files.put("pqk_board.c", resource("c/pqk_board.c"));
        files.put(board.uart().kind().driverSource, resource("c/" + board.uart().kind().driverSource));
        files.put(board.target().core().startupSource(), resource("c/" + board.target().core().startupSource()));
        files.put(CONFIG_HEADER, configHeader(board));
        files.put(LINKER_SCRIPT, linkerScript(board));
        return files;
    }

    static BoardFiles write(Board board, Path directory) {
        List<Path> sources = new ArrayList<>();
        List<Path> headers = new ArrayList<>();
        Path script = directory.resolve(LINKER_SCRIPT);
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> f : files(board).entrySet()) {
                Path target = directory.resolve(f.getKey());
                writeAtomically(target, f.getValue());
                if (f.getKey().endsWith(".c")) {
                    sources.add(target);
                } else if (f.getKey().endsWith(".h")) {
                    headers.add(target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the files of board " + board.id() + " to " + directory
                    + ": " + e.getMessage(), e);
        }
        return new BoardFiles(directory, sources, headers, script);
    }

    /** The board's numbers as C macros, for the runtime and for firmware that wants them. */
    static String configHeader(Board board) {
        InstructionScale scale = board.instructionScale();
        StringBuilder h = new StringBuilder();
        h.append("/*\n");
        h.append(" * pqk_board_config.h - board ").append(board.id()).append(", written by pqk-mcu from its descriptor.\n");
        // The description is free text: keep it from ending the comment or the line.
        h.append(" * ").append(board.description().replace("*/", "* /").replaceAll("[\\r\\n]+", " ")).append('\n');
        h.append(" */\n");
        h.append("#ifndef PQK_BOARD_CONFIG_H\n#define PQK_BOARD_CONFIG_H\n\n");
        define(h, "PQK_BOARD_ID", '"' + board.id() + '"');
        define(h, "PQK_BOARD_CORE", '"' + board.target().core().cpuName + '"');
        define(h, "PQK_BOARD_CLOCK_HZ", board.clocks().coreHz() + "u");
        define(h, "PQK_BOARD_SYSTICK_HZ", board.clocks().systickHz() + "u");
        define(h, "PQK_BOARD_UART_BASE", hex(board.uart().base()));
        h.append("/* ").append(board.uart().kind().descriptorName).append(" at ").append(board.uart().baud())
                .append(" baud from ").append(board.clocks().coreHz())
                .append(" Hz: the driver's baud-rate register value */\n");
        define(h, "PQK_BOARD_UART_BAUD", board.uart().baud() + "u");
        define(h, "PQK_BOARD_UART_DIVISOR", hex(board.uartDivisor()));
        define(h, "PQK_BOARD_FLASH_BASE", hex(board.memory().flash().base()));
        define(h, "PQK_BOARD_FLASH_SIZE", hex(board.memory().flash().size()));
        define(h, "PQK_BOARD_RAM_BASE", hex(board.memory().ram().base()));
        define(h, "PQK_BOARD_RAM_SIZE", hex(board.memory().ram().size()));
        define(h, "PQK_BOARD_STACK_SIZE", hex(board.memory().stackSize()));
        h.append('\n');
        h.append("/* 1: exit through semihosting (QEMU); 0: print \"PQK EXIT <status>\" and halt. */\n");
        define(h, "PQK_BOARD_EXIT_SEMIHOSTING", board.exitMode() == ExitMode.SEMIHOSTING ? "1" : "0");
        h.append('\n');
        setupWrites(h, board);
        h.append('\n');
        h.append("/* QEMU -icount shift=").append(Board.QEMU_ICOUNT_SHIFT).append(": one instruction = ")
                .append(1L << Board.QEMU_ICOUNT_SHIFT).append(" ns of virtual time, so\n");
        h.append(" * instructions = SysTick ticks * ").append(scale.numerator()).append(" / ")
                .append(scale.denominator()).append(" at ").append(board.clocks().systickHz()).append(" Hz. */\n");
        define(h, "PQK_BOARD_ICOUNT_SHIFT", Integer.toString(Board.QEMU_ICOUNT_SHIFT));
        define(h, "PQK_BOARD_INSTR_PER_TICK_NUM", scale.numerator() + "u");
        define(h, "PQK_BOARD_INSTR_PER_TICK_DEN", scale.denominator() + "u");
        h.append("\n#endif /* PQK_BOARD_CONFIG_H */\n");
        return h.toString();
    }

    static String linkerScript(Board board) {
        Map<String, String> values = Map.of(
                "BOARD_ID", board.id(),
                "FLASH_BASE", hex8(board.memory().flash().base()),
                "FLASH_SIZE", hex8(board.memory().flash().size()),
                "RAM_BASE", hex8(board.memory().ram().base()),
                "RAM_SIZE", hex8(board.memory().ram().size()),
                "STACK_SIZE", hex8(board.memory().stackSize()));
        Matcher m = PLACEHOLDER.matcher(resource("ld/pqk_board.ld.in"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("linker script template has unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The descriptor's setup writes as an initializer list for pqk_board.c, one commented line each. */
    private static void setupWrites(StringBuilder h, Board board) {
        h.append("/* Register writes before the UART starts, in order: *reg = (*reg & ~clear) | set. */\n");
        define(h, "PQK_BOARD_SETUP_COUNT", board.setup().size() + "u");
        if (board.setup().isEmpty()) {
            return;
        }
        h.append("#define PQK_BOARD_SETUP_WRITES { \\\n");
        for (SetupWrite w : board.setup()) {
            h.append("    { ").append(hex(w.address())).append(", ").append(hex(w.clear())).append(", ")
                    .append(hex(w.set())).append(" }, /* ").append(w.register()).append(" */ \\\n");
        }
        h.append("}\n");
    }

    private static void define(StringBuilder h, String name, String value) {
        h.append("#define ").append(name).append(' ').append(value).append('\n');
    }

    private static String hex(long v) {
        return String.format("0x%08Xu", v);
    }

    private static String hex8(long v) {
        return String.format("0x%08X", v);
    }

    static String resource(String name) {
        try (InputStream in = BoardFirmware.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("board resource " + RESOURCE_ROOT + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read board resource " + name, e);
        }
    }

    /** Temp file in the same folder, then rename: a reader never sees half a file. */
    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
