package io.pqkmcu.codegen.emulator;

import io.pqkmcu.boards.Board;
import io.pqkmcu.codegen.toolchain.HostCompiler;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds firmware for a board with arm-none-eabi-gcc: compiles and links C sources in one call, then
 * writes .bin and .hex with objcopy and reads the section sizes.
 *
 * <p>This class is the source of truth for firmware build flags: a generated Makefile should write
 * {@link #compileFlags(Board)} and {@link #linkFlags(Board, String)} verbatim, so that {@code make}
 * and this class build the same image.
 *
 * <p>No C library start-up code is linked ({@code -nostartfiles}): the board's startup file owns reset.
 * newlib-nano and nosys stubs are linked only for what the compiler itself may call (memcpy,
 * memset); firmware uses no stdio.
 */
public final class CrossCompiler {
    /** Same warnings as the host build: code clean on one is clean on the other. */
    public static final List<String> WARNING_FLAGS = HostCompiler.STRICT_FLAGS;
    /**
     * -O2, one section per function and object so that the linker can drop unused ones, and identical const
     * objects stored once (a model's layers repeat the same dims and params; no code compares their addresses).
     */
    public static final List<String> OPTIMIZATION_FLAGS = List.of("-O2", "-ffunction-sections", "-fdata-sections",
            "-fmerge-all-constants");
    /**
     * Link options besides the board's target flags and its linker script. Bare metal has no notion of
     * an executable stack, but newlib's objects lack the .note.GNU-stack marker and binutils 2.39+ warns
     * about it whenever memset/memcpy are linked; the warning is silenced, not a real problem hidden.
     */
    public static final List<String> LINK_OPTIONS = List.of(
            "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-Wl,--no-warn-execstack");

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private CrossCompiler() {}

    /** Flags to compile C for {@code board}: target flags, then {@link #WARNING_FLAGS}, then {@link #OPTIMIZATION_FLAGS}. */
    public static List<String> compileFlags(Board board) {
        List<String> flags = new ArrayList<>(board.compilerFlags());
        flags.addAll(WARNING_FLAGS);
        flags.addAll(OPTIMIZATION_FLAGS);
        return List.copyOf(flags);
    }

    /**
     * Flags to link for {@code board}: the target flags again (they pick the matching newlib/libgcc
     * multilib), {@code -T linkerScript}, then {@link #LINK_OPTIONS}.
     *
     * @param linkerScript path as it should appear on the command line (may be relative, for a Makefile)
     */
    public static List<String> linkFlags(Board board, String linkerScript) {
        List<String> flags = new ArrayList<>(board.compilerFlags());
        flags.add("-T");
        flags.add(linkerScript);
        flags.addAll(LINK_OPTIONS);
        return List.copyOf(flags);
    }

    /** {@link #build(Board, List, List, Path, Path, List)} without extra flags. */
    public static FirmwareImage build(Board board, List<Path> sources, List<Path> includeDirs, Path linkerScript, Path elf) {
        return build(board, sources, includeDirs, linkerScript, elf, List.of());
    }

    /**
     * Compiles and links {@code sources} into {@code elf}, and writes {@code .bin}, {@code .hex} and
     * {@code .map} beside it (same name, other extension).
     *
     * @param includeDirs  directories for {@code -I} (the board files' directory among them)
     * @param linkerScript the board's linker script (see {@code Board.writeFirmwareFiles})
     * @param extraFlags   added after the standard flags, e.g. {@code -DMODE=1} or {@code -g}
     * @throws io.pqkmcu.codegen.toolchain.ToolMissingException when the ARM toolchain is not installed
     * @throws IllegalStateException with the compiler's messages when compiling or linking fails
     *                               (including a flash or RAM overflow, which the linker reports by region)
     */
    public static FirmwareImage build(Board board, List<Path> sources, List<Path> includeDirs, Path linkerScript,
                                      Path elf, List<String> extraFlags) {
        String gcc = Tool.ARM_GCC.require();
        String objcopy = Tool.ARM_OBJCOPY.require();
        String size = Tool.ARM_SIZE.require();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no C sources to build for board " + board.id());
        }
        for (Path src : sources) {
            if (!Files.isRegularFile(src)) {
                throw new IllegalArgumentException("C source not found: " + src);
            }
        }
        if (!Files.isRegularFile(linkerScript)) {
            throw new IllegalArgumentException("linker script not found: " + linkerScript);
        }
        Path out = elf.toAbsolutePath();
        Path dir = out.getParent();
        String base = out.getFileName().toString().replaceFirst("\\.elf$", "");
        Path map = dir.resolve(base + ".map");
        Path bin = dir.resolve(base + ".bin");
        Path hex = dir.resolve(base + ".hex");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }

        List<String> cmd = new ArrayList<>();
        cmd.add(gcc);
        cmd.addAll(compileFlags(board));
        cmd.addAll(extraFlags);
        for (Path inc : includeDirs) {
            cmd.add("-I" + inc.toAbsolutePath());
        }
        for (Path src : sources) {
            cmd.add(src.toAbsolutePath().toString());
        }
        cmd.addAll(linkFlags(board, linkerScript.toAbsolutePath().toString()));
        cmd.add("-Wl,-Map=" + map);
        cmd.add("-o");
        cmd.add(out.toString());
        ProcessRunner.runChecked(cmd, dir, BUILD_TIMEOUT);

        ProcessRunner.runChecked(List.of(objcopy, "-O", "binary", out.toString(), bin.toString()), dir, BUILD_TIMEOUT);
        ProcessRunner.runChecked(List.of(objcopy, "-O", "ihex", out.toString(), hex.toString()), dir, BUILD_TIMEOUT);
        return new FirmwareImage(out, bin, hex, map, size(size, out));
    }

    /** Section sizes of an existing ELF. */
    public static FirmwareSize size(Path elf) {
        return size(Tool.ARM_SIZE.require(), elf.toAbsolutePath());
    }

    private static FirmwareSize size(String sizeTool, Path elf) {
        String output = ProcessRunner.runChecked(List.of(sizeTool, "-B", "-d", elf.toString()),
                elf.getParent(), BUILD_TIMEOUT).stdout();
        return FirmwareSize.parse(output);
    }
}
