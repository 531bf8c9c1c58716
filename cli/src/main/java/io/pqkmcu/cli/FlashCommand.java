package io.pqkmcu.cli;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.device.ProjectBuild;
import io.pqkmcu.codegen.flash.FlashPlan;
import io.pqkmcu.codegen.flash.Flasher;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.util.ProcessRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pqk flash}: program a board with a project's firmware through its debug probe. */
@Command(name = "flash", mixinStandardHelpOptions = true,
        description = "Build a project's firmware and program it into the board through its debug probe with OpenOCD "
                + "(apt-get install -y openocd) or pyOCD, using the board's configuration. When neither tool is "
                + "installed, print the exact commands instead (exit code 1: nothing was flashed).")
final class FlashCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "project folder written by pqk generate")
    Path dir;

    @Option(names = "--board", description = "board to flash; must be the project's board (default: the project's)")
    String board;

    @Option(names = "--tool", description = "auto (OpenOCD, else pyOCD, whichever is installed), openocd or pyocd "
            + "(default: ${DEFAULT-VALUE})")
    String tool = "auto";

    @Option(names = "--dry-run", description = "print the commands without building or flashing")
    boolean dryRun;

    @Override
    public Integer call() {
        if (!List.of("auto", "openocd", "pyocd").contains(tool)) {
            throw new IllegalArgumentException("--tool must be auto, openocd or pyocd, got '" + tool + "'");
        }
        ProjectInfo project = ProjectInfo.read(dir);
        if (board != null && !board.equals(project.boardId())) {
            throw new IllegalArgumentException(dir + " was generated for board " + project.boardId() + ", not " + board
                    + "; regenerate it with --board " + board);
        }
        Board b = BoardCatalog.byId(project.boardId());
        Path elf = project.directory().resolve("build/" + b.id() + "/firmware.elf").toAbsolutePath().normalize();
        Flasher flasher = new Flasher();
        List<FlashPlan> plans = flasher.plans(b, elf);
        b.flashTools().note().ifPresent(n -> System.out.println("note: " + n));
        if (dryRun) {
            plans.forEach(p -> System.out.println(p.shellLine()));
            if (!Files.isRegularFile(elf)) {
                System.out.println("(the image does not exist yet: build it with pqk build " + dir + ")");
            }
            return 0;
        }
        Optional<FlashPlan> plan = flasher.choose(plans, tool, b.id());
        if (plan.isEmpty()) {
            System.err.println("pqk flash: " + (tool.equals("auto") ? "neither openocd nor pyocd is" : tool + " is not")
                    + " installed; flash " + b.id() + " with one of:");
            ProjectBuild.firmware(project);
            plans.forEach(p -> System.err.println("  " + p.shellLine()));
            return 1;
        }
        ProjectBuild.firmware(project);
        System.out.println(plan.get().shellLine());
        ProcessRunner.Result r = Flasher.run(plan.get(), project.directory());
        System.out.print(r.stdout());
        System.err.print(r.stderr());
        if (r.timedOut()) {
            throw new IllegalStateException(plan.get().tool() + " did not finish within "
                    + Flasher.TIMEOUT.toMinutes() + " minutes (is the probe connected?)");
        }
        System.out.println(r.ok() ? "flashed " + b.id() : plan.get().tool() + " failed with exit status "
                + r.exitCode() + " (is the board connected and powered?)");
        return r.ok() ? 0 : 1;
    }
}
