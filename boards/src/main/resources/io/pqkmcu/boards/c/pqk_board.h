/*
 * pqk_board.h - the small board runtime every pqk firmware links: UART text out, an instruction
 * counter, and an exit status that reaches the host.
 *
 * Implemented by pqk_board.c (counter, printing, exit) plus one UART driver per UART kind
 * (pqk_uart_cmsdk.c, ...). The board's numbers (UART base and divisor, clocks, counter scaling, setup
 * writes, exit mode) come from pqk_board_config.h, which the Java side (io.pqkmcu.boards.Board) writes
 * from the board descriptor.
 * C99, no allocation, no floating point, no newlib stdio.
 */
#ifndef PQK_BOARD_H
#define PQK_BOARD_H

#include <stdint.h>

#if defined(__GNUC__)
#define PQK_NORETURN __attribute__((noreturn))
#else
#define PQK_NORETURN
#endif

/* Exit status the fault handlers report (sysexits.h EX_SOFTWARE: "internal software error"). */
#define PQK_BOARD_EXIT_FAULT 70

/* Turns the UART transmitter on and starts SysTick counting from the core clock; call it first. */
void pqk_board_init(void);

/* ---- text out (blocking, no buffering, no printf) ---------------------------------------- */

void pqk_board_putc(char c);
void pqk_board_puts(const char *s);             /* no newline added */
void pqk_board_put_i32(int32_t v);              /* decimal, '-' for negatives */
void pqk_board_put_u64(uint64_t v);             /* decimal */
void pqk_board_put_hex32(uint32_t v);           /* "0x" and 8 lower-case hex digits */

/* ---- counting ------------------------------------------------------------------------------ */

/*
 * SysTick ticks since pqk_board_init: the 24-bit down-counter extended to 64 bits by counting its
 * wrap-arounds in SysTick_Handler. Valid while interrupts are never masked for longer than one
 * SysTick period (2^24 ticks).
 */
uint64_t pqk_board_ticks(void);

/*
 * Instructions executed since pqk_board_init, when running under QEMU with
 * -icount shift=PQK_BOARD_ICOUNT_SHIFT: every instruction advances virtual time by 2^shift ns, so
 * instructions = ticks * PQK_BOARD_INSTR_PER_TICK_NUM / PQK_BOARD_INSTR_PER_TICK_DEN
 * (25 MHz SysTick, shift 6: ticks * 5 / 8). The count includes the SysTick handler (a few dozen
 * instructions per 2^24 ticks) and is exact to about one instruction per call.
 * On real silicon the same formula gives a scaled cycle count, not instructions.
 */
uint64_t pqk_board_instructions(void);

/* ---- exit ---------------------------------------------------------------------------------- */

/*
 * Ends the program with a status (0 = success). Statuses outside 0..255 are reported as 255 so that a
 * failure can never wrap around to 0 in the host's 8-bit exit code. How the status leaves the board
 * depends on the descriptor's exit mode (PQK_BOARD_EXIT_SEMIHOSTING in pqk_board_config.h):
 *  - semihosting (QEMU boards): SYS_EXIT_EXTENDED, so QEMU run with
 *    -semihosting-config enable=on,target=native exits with this status;
 *  - halt (real silicon, Renode): prints "PQK EXIT <status>" on the UART, masks interrupts and sleeps.
 */
PQK_NORETURN void pqk_board_exit(int status);

/* ---- provided by the UART driver of the board's UART kind (internal) ---------------------- */

void pqk_board_uart_init(void);

#endif /* PQK_BOARD_H */
