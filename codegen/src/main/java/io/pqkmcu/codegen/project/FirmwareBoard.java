package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.fit.BoardLimits;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the project generator needs from a board to write the firmware part of a project: its memory
 * limits (for the fit check), the cross-compiler and linker flags, and the board runtime files
 * (startup code, pqk_board.c/.h, linker script) copied under {@code firmware/board/}.
 * The boards module's catalog is adapted to this through a {@link BoardResolver}.
 *
 * @param files        board files by path relative to {@code firmware/board/}, with their content
 * @param linkerScript the linker script's path relative to {@code firmware/board/}
 * @param dsp          the core has the DSP extension (the kernels' SMLAD paths run; the format cost model
 *                     uses its costs)
 */
public record FirmwareBoard(String id, BoardLimits limits, List<String> cflags, List<String> ldflags,
                            SortedMap<String, String> files, String linkerScript, boolean dsp) {
    public FirmwareBoard {
        cflags = List.copyOf(cflags);
        ldflags = List.copyOf(ldflags);
        files = new TreeMap<>(files);
        if (!files.containsKey(linkerScript)) {
            throw new IllegalArgumentException("board " + id + ": linker script " + linkerScript + " is not among its files");
        }
    }
}
