/**
 * Boards as data: descriptors, and the C support files every firmware for a board links.
 *
 * <h2>Using a board</h2>
 * <pre>{@code
 * Board board = BoardCatalog.byId("qemu-mps2-an386");   // unknown id: error listing the known ones
 * board.compilerFlags();                                // -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
 * BoardFiles files = board.writeFirmwareFiles(dir);     // pqk_board.h/.c, UART driver, startup,
 *                                                       // pqk_board_config.h, pqk_board.ld
 * }</pre>
 * The firmware includes {@code pqk_board.h}, calls {@code pqk_board_init()} first and returns its exit
 * status from {@code main} (or calls {@code pqk_board_exit}); the startup file passes main's return
 * value to {@code pqk_board_exit}. Compile {@link io.pqkmcu.boards.BoardFiles#sources()} with the
 * firmware, add {@link io.pqkmcu.boards.BoardFiles#directory()} to the include path and link with
 * {@code -T} {@link io.pqkmcu.boards.BoardFiles#linkerScript()} (codegen's
 * {@code io.pqkmcu.codegen.emulator.CrossCompiler} does all of this and owns the full flag list).
 *
 * <h2>Adding a board</h2>
 * Write {@code src/main/resources/io/pqkmcu/boards/<id>.properties} (keys: see {@link BoardDescriptor})
 * and add the id to {@code boards.list} beside it. Clocks, power domains and pins the console needs are
 * {@code setup.N} register writes ({@link SetupWrite}); pqk programs no PLL, so {@code clock.hz} is the
 * reset clock on silicon. A new UART peripheral needs a {@code pqk_uart_<kind>.c} implementing
 * {@code pqk_board_uart_init} and {@code pqk_board_putc}, and a {@link UartKind} constant that computes its
 * baud-rate register value; a new architecture family (ARMv6-M, for a Cortex-M0+) needs a startup file named
 * by {@link Core}. If QEMU emulates the board, codegen's QemuRunnerTest runs the self-test firmware on it and
 * the tests module's three-way bit-exactness test runs generated models on it, automatically. If Renode
 * does, name its platform and console ({@link RenodePlatform}); a platform Renode lacks can ship under
 * {@code renode/}. {@link FlashTools} says how OpenOCD and pyOCD program it.
 *
 * <h2>Counting instructions</h2>
 * QEMU models no cycle counter. Run with {@code -icount shift=}{@value Board#QEMU_ICOUNT_SHIFT}, every
 * instruction advances virtual time by 64 ns, so SysTick (processor clock, 24 bits, wrap-arounds
 * counted in its handler) measures instructions: {@code instructions = ticks × 10^9 / (f_SysTick × 64)},
 * the exact fraction in {@link InstructionScale} (25 MHz: × 5 / 8). These are instructions, not cycles:
 * QEMU charges every instruction the same.
 */
package io.pqkmcu.boards;
