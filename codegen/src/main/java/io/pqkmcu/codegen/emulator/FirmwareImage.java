package io.pqkmcu.codegen.emulator;

import java.nio.file.Path;

/**
 * What {@link CrossCompiler#build} produced.
 *
 * @param elf  the linked image (load it with QEMU's {@code -kernel}, or a debugger)
 * @param bin  raw flash contents from the lowest load address ({@code objcopy -O binary})
 * @param hex  Intel HEX of the same ({@code objcopy -O ihex}), what most flashing tools take
 * @param map  the linker map (which symbol went where, and how big)
 * @param size section totals, for flash and RAM use
 */
public record FirmwareImage(Path elf, Path bin, Path hex, Path map, FirmwareSize size) {}
