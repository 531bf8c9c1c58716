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
 *       the script through {@code $ORIGIN}), fixes virtual time so that SysTick counts instructions as under QEMU
 *       ({@link RenodeTiming}) and opens the console's analyzer: {@code renode renode/firmware.resc}, then
 *       {@code start}, shows the firmware's output;</li>
 *   <li>{@code firmware.robot}: a Robot Framework test for {@code renode-test} that includes the script, logs the
 *       console to {@value #UART_LOG} in Robot's output folder, starts the emulation and waits, in order, for every
 *       UART line the firmware must print, as computed by the Java int8 reference: logits and predictions exactly,
 *       instruction counts as any positive number (the Java side cannot know them; {@code pqk simulate} prints them
 *       from the log).</li>
 * </ul>
 */
public final class RenodeScripts {
    public static final String DIR = "renode/";
    public static final String PLATFORM = DIR + "platform.repl";
    public static final String SCRIPT = DIR + "firmware.resc";
    public static final String ROBOT = DIR + "firmware.robot";
    /**
     * The console's whole output, written by the Robot test into Robot's output folder (the {@code -r} folder
     * {@link RenodeRunner} passes), for {@code pqk simulate} to parse like QEMU's.
     */
    public static final String UART_LOG = "uart.log";
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
                + "# Watch the console: renode renode/firmware.resc, then `start` in the monitor (the analyzer window\n"
                + "# shows the UART); without a display, renode --console --disable-gui -e 'include @renode/firmware.resc;\n"
                + "# start' prints each UART line in the terminal.\n"
                + "# Paths are relative to this script ($ORIGIN), so the project folder can move.\n\n"
                + "using sysbus\n"
                + "mach create \"" + board.id() + "\"\n"
                + "machine LoadPlatformDescription $ORIGIN/platform.repl\n"
                + "sysbus LoadELF $ORIGIN/../" + elf + "\n\n"
                + "# Virtual time counts instructions, as QEMU -icount shift=" + Board.QEMU_ICOUNT_SHIFT
                + " does for pqk's other boards: " + RenodeTiming.MIPS + " M\n"
                + "# instructions per emulated second (" + RenodeTiming.NANOS_PER_INSTRUCTION + " ns each), and SysTick at "
                + RenodeTiming.SYSTICK_FACTOR + " x the board's "
                + board.clocks().systickHz() + " Hz, so that one\n"
                + "# instruction is as many ticks as the firmware's QEMU factor assumes (see RenodeTiming).\n"
                + "cpu PerformanceInMips " + RenodeTiming.MIPS + "\n"
                + "nvic Frequency " + RenodeTiming.systickHz(board) + "\n\n"
                + "showAnalyzer " + uart + "\n";
    }

    static String robot(Board board, RenodePlatform r, List<String> expectedLines, String header) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(header).append('\n');
        s.append("# renode-test renode/firmware.robot: the firmware on ").append(board.id())
                .append(" must print these lines, computed by the Java int8 reference.\n");
        s.append("# They describe the inputs pqk generate wrote; regenerate after changing them.\n\n");
        s.append("*** Settings ***\n");
        s.append("Library                       String\n\n");
        s.append("*** Variables ***\n");
        s.append("${UART}                        ").append(r.uart()).append('\n');
        s.append("${SCRIPT}                      ${CURDIR}${/}firmware.resc\n");
        s.append("${UART_LOG}                    ${OUTPUT DIR}${/}").append(UART_LOG).append("\n\n");
        s.append("*** Test Cases ***\n");
        s.append("Firmware Output Equals The Java Int8 Reference\n");
        s.append("    # Renode's monitor ends a path at a space unless a backslash escapes it.\n");
        s.append("    ${script}=                 Replace String    ${SCRIPT}    ${SPACE}    \\\\${SPACE}\n");
        s.append("    ${log}=                    Replace String    ${UART_LOG}    ${SPACE}    \\\\${SPACE}\n");
        s.append("    Execute Command            include @${script}\n");
        s.append("    # All the console prints, for pqk simulate to report (instruction counts included).\n");
        s.append("    Execute Command            ${UART} CreateFileBackend @${log} true\n");
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
