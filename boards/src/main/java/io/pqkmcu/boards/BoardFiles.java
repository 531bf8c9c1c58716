package io.pqkmcu.boards;

import java.nio.file.Path;
import java.util.List;

/**
 * Where {@link Board#writeFirmwareFiles} put a board's support files.
 *
 * @param directory    the folder they were written to; pass it as an include directory ({@code -I})
 * @param sources      the C files to compile and link with the firmware
 * @param headers      the headers ({@code pqk_board.h}, {@code pqk_board_config.h})
 * @param linkerScript the linker script ({@code -T})
 */
public record BoardFiles(Path directory, List<Path> sources, List<Path> headers, Path linkerScript) {
    public BoardFiles {
        sources = List.copyOf(sources);
        headers = List.copyOf(headers);
    }
}
