package io.pqkmcu.codegen.flash;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.FlashTools;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Programs a board's flash with its firmware through a debug probe, with the tools its descriptor names
 * ({@link FlashTools}): OpenOCD (a Debian package) with the board's scripts and
 * {@code program <elf> verify reset exit}, or pyOCD with {@code flash --target <t> <hex>}. Builds the commands
 * whether or not the tools are installed, so that they can be printed for another machine.
 */
public final class Flasher {
    /** Erasing and writing a megabyte over SWD takes tens of seconds; a hung probe should not block forever. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Function<Tool, Optional<String>> finder;

    /** Finds the tools on PATH. */
    public Flasher() {
        this(Tool::find);
    }

    /** @param finder where a tool is installed, if it is (tests pass their own) */
    public Flasher(Function<Tool, Optional<String>> finder) {
        this.finder = finder;
    }

    /**
     * The ways to flash {@code board} with the image {@code elf} (its {@code .hex} sits beside it), OpenOCD first.
     *
     * @throws IllegalArgumentException when the board names no flashing tool (its note says how it is programmed)
     */
    public List<FlashPlan> plans(Board board, Path elf) {
        FlashTools t = board.flashTools();
        if (!t.any()) {
            throw new IllegalArgumentException("board " + board.id() + " names no flashing tool"
                    + t.note().map(n -> ": " + n).orElse(""));
        }
        Path absElf = elf.toAbsolutePath().normalize();
        Path hex = absElf.resolveSibling(absElf.getFileName().toString().replaceFirst("\\.elf$", "") + ".hex");
        List<FlashPlan> plans = new ArrayList<>();
        if (!t.openocd().isEmpty()) {
            Optional<String> openocd = finder.apply(Tool.OPENOCD);
            List<String> cmd = new ArrayList<>();
            cmd.add(openocd.orElse(Tool.OPENOCD.command));
            cmd.addAll(t.openocdArguments());
            cmd.add("-c");
            // program: erase what the image covers, write, read back and compare, reset and run, quit.
            cmd.add("program " + absElf + " verify reset exit");
            plans.add(new FlashPlan("openocd", cmd, openocd.isPresent()));
        }
        t.pyocdTarget().ifPresent(target -> {
            Optional<String> pyocd = finder.apply(Tool.PYOCD);
            plans.add(new FlashPlan("pyocd", List.of(pyocd.orElse(Tool.PYOCD.command), "flash", "--target", target,
                    hex.toString()), pyocd.isPresent()));
        });
        return plans;
    }

    /**
     * The plan to run: the one for {@code tool} ({@code openocd}, {@code pyocd}), or with {@code auto} the first
     * whose tool is installed; empty when none is (the caller prints the commands instead).
     *
     * @throws IllegalArgumentException when the board has no plan for the requested tool
     */
    public Optional<FlashPlan> choose(List<FlashPlan> plans, String tool, String boardId) {
        if (tool.equals("auto")) {
            return plans.stream().filter(FlashPlan::installed).findFirst();
        }
        FlashPlan p = plans.stream().filter(x -> x.tool().equals(tool)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("board " + boardId + " has no " + tool + " configuration; it can be flashed "
                        + "with: " + String.join(", ", plans.stream().map(FlashPlan::tool).toList())));
        return p.installed() ? Optional.of(p) : Optional.empty();
    }

    /** Runs a plan; the result carries the tool's output and exit status. */
    public static ProcessRunner.Result run(FlashPlan plan, Path workDir) {
        return ProcessRunner.run(plan.command(), workDir, TIMEOUT);
    }
}
