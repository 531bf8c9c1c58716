/**
 * Building firmware for a board and running it in QEMU.
 *
 * <pre>{@code
 * Board board = BoardCatalog.byId("qemu-mps2-an386");
 * BoardFiles bf = board.writeFirmwareFiles(project.resolve("firmware/board"));
 * List<Path> sources = ...;  sources.addAll(bf.sources());
 * FirmwareImage img = CrossCompiler.build(board, sources, List.of(include, bf.directory()),
 *         bf.linkerScript(), project.resolve("build/" + board.id() + "/firmware.elf"));
 * img.size().flashBytes(); img.size().ramBytes();
 * QemuResult r = QemuRunner.run(board, img.elf(), Duration.ofSeconds(30));
 * r.exitCode(); r.uartOutput(); r.timedOut();
 * }</pre>
 *
 * For a generated Makefile or script, {@link io.pqkmcu.codegen.emulator.CrossCompiler#compileFlags},
 * {@link io.pqkmcu.codegen.emulator.CrossCompiler#linkFlags} and
 * {@link io.pqkmcu.codegen.emulator.QemuRunner#command} give the exact flags and command line.
 */
package io.pqkmcu.codegen.emulator;
