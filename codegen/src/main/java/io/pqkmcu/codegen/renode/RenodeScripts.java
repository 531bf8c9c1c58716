package io.pqkmcu.codegen.renode;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.RenodePlatform;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Renode files of a project whose board Renode emulates, under {@code renode/}:
 * <ul>
 *   <li>{@code platform.repl}: the board's stock Renode platform through {@code using}, with the
 *       {@code sysbus: init:} block replaced by the descriptor's (the stock STM32 and nRF52 blocks download an SVD
 *       file from the web, which fails offline and is fatal under {@code renode-test}); or, for a board Renode has
 *       no platform for, the platform pqk ships;</li>
 *   <li>{@code firmware.resc}: creates the machine, loads the platform and the firmware ELF (both found relative to
 *       the script through {@code $ORIGIN}); run it with {@code renode renode/firmware.resc}, then {@code start};</li>
 *   <li>{@code firmware.robot}: a Robot Framework test for {@code renode-test} that includes the script, starts the
 *       emulation and waits, in order, for every UART line the firmware must print, as computed by the Java int8
 *       reference: logits and predictions exactly, instruction counts as any number (Renode counts its own way).</li>
 * </ul>
 */
public final class RenodeScripts {
    public static final String DIR = "renode/";
    public static final String PLATFORM = DIR + "platform.repl";
    public static final String SCRIPT = DIR + "firmware.resc";
    public static final String ROBOT = DIR + "firmware.robot";
    /** Emulated seconds Renode may take to print one expected line (an inference takes well under one). */
    static final int LINE_TIMEOUT_SECONDS = 60;

    private RenodeScripts() {}

    /**
     * @param elf           the firmware ELF, relative to the project folder (e.g. {@code build/<board>/firmware.elf})
     * @param expectedLines regular expressions (Java/.NET syntax), one per UART line, in the order the firmware prints
     * @param header        the generator's one-line header (generator version, model, checksum)
     * @return file path relative to the project → content; empty when Renode does not emulate the board
     */
    public static SortedMap<String, String> files(Board board, String elf, List<String> expectedLines, String header) {
        SortedMap<String, String> files = new TreeMap<>();
        if (board.emulators().renode().isEmpty()) {
            return files;
        }
        RenodePlatform r = board.emulators().renode().get();
        files.put(PLATFORM, platform(board, r, header));
        files.put(SCRIPT, script(board, elf, header));
        files.put(ROBOT, robot(board, r, expectedLines, header));
        return files;
    }

    static String platform(Board board, RenodePlatform r, String header) {
        StringBuilder s = new StringBuilder();
        s.append("// ").append(header).append('\n');
        if (r.shippedByPqk()) {
            s.append("// Board ").append(board.id()).append(": Renode has no platform for it; this one ships with pqk.\n");
            return s.append(board.shippedRenodePlatform().orElseThrow()).toString();
        }
        s.append("// Board ").append(board.id()).append(": Renode's own platform");
        if (r.sysbusInit().isEmpty()) {
            return s.append(".\nusing \"").append(r.platform()).append("\"\n").toString();
        }
        s.append(", with its sysbus init block replaced so that\n");
        s.append("// nothing is downloaded (the stock block applies an SVD file from the web).\n");
        s.append("using \"").append(r.platform()).append("\"\n\n");
        s.append("sysbus:\n    init:\n");
        for (String command : r.sysbusInit()) {
            s.append("        ").append(command).append('\n');
        }
        return s.toString();
    }

    static String script(Board board, String elf, String header) {
        String uart = board.emulators().renode().orElseThrow().uart();
        return ":name: " + board.id() + "\n"
                + ":description: pqk firmware on " + board.description().replace("\n", " ") + "\n"
                + "# " + header + "\n"
                + "# Run with `renode renode/firmware.resc`, add `showAnalyzer " + uart + "` to watch the console,\n"
                + "# then `start`. Paths are relative to this script ($ORIGIN), so the project folder can move.\n\n"
                + "using sysbus\n"
                + "mach create \"" + board.id() + "\"\n"
                + "machine LoadPlatformDescription $ORIGIN/platform.repl\n"
                + "sysbus LoadELF $ORIGIN/../" + elf + "\n";
    }

    static String robot(Board board, RenodePlatform r, List<String> expectedLines, String header) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(header).append('\n');
        s.append("# renode-test renode/firmware.robot: the firmware on ").append(board.id())
                .append(" must print these lines, computed by the Java int8 reference.\n");
        s.append("# They describe the inputs pqk generate wrote; regenerate after changing them.\n\n");
        s.append("*** Variables ***\n");
        s.append("${UART}                        ").append(r.uart()).append('\n');
        s.append("${SCRIPT}                      ${CURDIR}/firmware.resc\n\n");
        s.append("*** Test Cases ***\n");
        s.append("Firmware Output Equals The Java Int8 Reference\n");
        s.append("    Execute Command            include @${SCRIPT}\n");
        s.append("    Create Terminal Tester     ${UART}    timeout=").append(LINE_TIMEOUT_SECONDS).append('\n');
        s.append("    Start Emulation\n");
        for (String line : expectedLines) {
            s.append("    Wait For Line On Uart      ").append(robotEscape(line)).append("    treatAsRegex=true\n");
        }
        return s.toString();
    }

    /**
     * Robot Framework reads backslashes as escapes and runs of two or more spaces as separators: double the
     * backslashes, and write spaces that follow a space as {@code ${SPACE}}. A leading '#' would start a comment.
     */
    static String robotEscape(String regex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ' && (i == 0 || i == regex.length() - 1 || regex.charAt(i - 1) == ' ')) {
                out.append("${SPACE}");
            } else if (c == '#' && i == 0) {
                out.append("\\#");
            } else if (c == '$' || c == '@' || c == '%' || c == '&') {
                // variable syntax in Robot when followed by '{': escape always, it costs nothing
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
