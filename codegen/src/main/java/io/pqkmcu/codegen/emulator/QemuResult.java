package io.pqkmcu.codegen.emulator;

import java.util.List;

/**
 * How a QEMU run ended.
 *
 * @param exitCode    QEMU's exit status: the status the firmware passed to {@code pqk_board_exit}
 *                    (or returned from main), 70 after a fault, -1 when the run was killed at its timeout.
 *                    QEMU itself exits 1 when it cannot start (bad machine, unreadable ELF): see {@code stderr}
 * @param uartOutput  everything the firmware wrote to its console UART, up to the end or the kill
 * @param stderr      QEMU's own messages
 * @param timedOut    the firmware did not exit within the timeout and QEMU was killed
 * @param commandLine the command that was run, for logs and for reproducing the run by hand
 */
public record QemuResult(int exitCode, String uartOutput, String stderr, boolean timedOut, List<String> commandLine) {
    public QemuResult {
        commandLine = List.copyOf(commandLine);
    }

    /** The firmware exited by itself with status 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** A paragraph for error messages and logs: how the run ended, the command, and both outputs. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(timedOut ? "timed out and was killed" : "exited with status " + exitCode).append('\n');
        sb.append("command: ").append(String.join(" ", commandLine)).append('\n');
        sb.append("UART output:\n").append(uartOutput);
        if (!stderr.isBlank()) {
            sb.append("\nQEMU stderr:\n").append(stderr);
        }
        return sb.toString();
    }
}
