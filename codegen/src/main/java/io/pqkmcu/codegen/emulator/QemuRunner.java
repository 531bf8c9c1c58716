package io.pqkmcu.codegen.emulator;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a board's firmware ELF in {@code qemu-system-arm} and reports its UART text and exit status.
 *
 * <p>The command line ({@link #command}):
 * <ul>
 *   <li>{@code -M <machine> -cpu <core>}: from the board descriptor (the MPS machines refuse other cores,
 *       which catches a wrong descriptor);</li>
 *   <li>{@code -nographic -monitor none -serial stdio}: UART0 goes to stdout, no monitor shares it, and
 *       nothing waits for a terminal (stdin is closed);</li>
 *   <li>{@code -semihosting-config enable=on,target=native}: the firmware's {@code bkpt 0xab} exit
 *       becomes QEMU's exit status (without it the breakpoint locks the core up);</li>
 *   <li>{@code -icount shift=6,align=off,sleep=off}: each instruction is 2^6 ns of virtual time, so
 *       SysTick counts instructions ({@link Board#QEMU_ICOUNT_SHIFT}); with {@code sleep=off} virtual time
 *       never follows the host clock, so runs repeat exactly even if the firmware waits;</li>
 *   <li>{@code -kernel <elf>}: QEMU loads the ELF's segments at their load addresses and resets the
 *       core through the vector table, as the hardware would.</li>
 * </ul>
 */
public final class QemuRunner {
    private QemuRunner() {}

    /**
     * The QEMU command for {@code board} and {@code elf}, for generated scripts and Makefiles.
     *
     * @param qemu how to call QEMU, e.g. {@code qemu-system-arm} or an absolute path
     * @throws IllegalArgumentException when QEMU does not emulate the board
     */
    public static List<String> command(Board board, String qemu, String elf) {
        return List.of(qemu,
                "-M", machine(board),
                "-cpu", board.qemuCpu(),
                "-nographic", "-monitor", "none", "-serial", "stdio",
                "-semihosting-config", "enable=on,target=native",
                "-icount", "shift=" + Board.QEMU_ICOUNT_SHIFT + ",align=off,sleep=off",
                "-kernel", elf);
    }

    /**
     * Runs {@code elf} on {@code board} until it exits or {@code timeout} passes; a firmware still
     * running then is killed and the result says {@link QemuResult#timedOut()}.
     *
     * @throws io.pqkmcu.codegen.toolchain.ToolMissingException when qemu-system-arm is not installed
     * @throws IllegalArgumentException when QEMU does not emulate the board, or the ELF does not exist
     */
    public static QemuResult run(Board board, Path elf, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        machine(board);
        if (!Files.isRegularFile(elf)) {
            throw new IllegalArgumentException("firmware ELF not found: " + elf);
        }
        List<String> cmd = command(board, Tool.QEMU_ARM.require(), elf.toAbsolutePath().toString());
        ProcessRunner.Result r = ProcessRunner.run(cmd, elf.toAbsolutePath().getParent(), timeout);
        return new QemuResult(r.exitCode(), r.stdout(), r.stderr(), r.timedOut(), cmd);
    }

    private static String machine(Board board) {
        return board.emulators().qemuMachine().orElseThrow(() -> new IllegalArgumentException(
                "board " + board.id() + " cannot run in QEMU (its descriptor names no qemu.machine); boards QEMU runs: "
                        + BoardCatalog.all().stream().filter(Board::runsInQemu).map(Board::id)
                        .collect(Collectors.joining(", "))));
    }
}
