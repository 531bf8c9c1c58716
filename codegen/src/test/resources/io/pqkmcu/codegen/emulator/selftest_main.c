/*
 * selftest_main.c - firmware that checks a board's startup and runtime under QEMU (QemuRunnerTest).
 *
 * SELFTEST_MODE (set with -D) picks what it does:
 *   0  print self-checks and instruction counts, return 0 from main
 *   1  print a line, then pqk_board_exit(42)
 *   2  print a line, then spin forever (the runner must kill it at its timeout)
 *   3  execute an undefined instruction (the fault handler must report it and exit 70)
 *   4  pqk_board_exit(300): out of the 8-bit range, must arrive as 255
 *
 * Output lines of mode 0, parsed by the test:
 *   spin <n> <instructions counted around spin(n)>
 *   masked <n> <instructions counted around spin(n) with interrupts masked across a SysTick wrap>
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

#ifndef SELFTEST_MODE
#define SELFTEST_MODE 0
#endif

#if SELFTEST_MODE == 0

#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

/* Exactly 2 instructions per iteration (subs, bne): 2n instructions for n >= 1. */
static void spin(uint32_t n)
{
    __asm__ volatile(
        "1:\n\t"
        "subs %0, %0, #1\n\t"
        "bne 1b"
        : "+r"(n)
        :
        : "cc");
}

static volatile uint32_t initialised = 0x12345678u; /* lands in .data: checks the copy from flash */
static volatile uint32_t zeroed[4];                 /* lands in .bss: checks the zeroing */

static void report_spin(const char *label, uint32_t n, int masked)
{
    uint64_t before;
    uint64_t after;
    if (masked) {
        /* Start just before a wrap (the counter is near 0) so the masked stretch crosses it. */
        while (SYST_CVR > 0x00100000u) {
        }
        __asm__ volatile("cpsid i" ::: "memory");
    }
    before = pqk_board_instructions();
    spin(n);
    after = pqk_board_instructions();
    if (masked) {
        __asm__ volatile("cpsie i" ::: "memory");
    }
    pqk_board_puts(label);
    pqk_board_putc(' ');
    pqk_board_put_u64((uint64_t)n);
    pqk_board_putc(' ');
    pqk_board_put_u64(after - before);
    pqk_board_putc('\n');
}

#endif /* SELFTEST_MODE == 0 */

int main(void)
{
    pqk_board_init();
    pqk_board_puts("hello from " PQK_BOARD_ID "\n");
#if SELFTEST_MODE == 1
    pqk_board_puts("exiting with 42\n");
    pqk_board_exit(42);
#elif SELFTEST_MODE == 2
    pqk_board_puts("hanging\n");
    for (;;) {
    }
#elif SELFTEST_MODE == 3
    pqk_board_puts("faulting\n");
    __asm__ volatile(".short 0xde00"); /* UDF #0 */
    return 0;
#elif SELFTEST_MODE == 4
    pqk_board_exit(300);
#else
    pqk_board_puts("ints ");
    pqk_board_put_i32(-2147483647 - 1);
    pqk_board_putc(' ');
    pqk_board_put_i32(0);
    pqk_board_putc(' ');
    pqk_board_put_i32(2147483647);
    pqk_board_putc(' ');
    pqk_board_put_u64(18446744073709551615ull);
    pqk_board_putc(' ');
    pqk_board_put_hex32(0xdeadbeefu);
    pqk_board_putc('\n');
    pqk_board_puts("data ");
    pqk_board_put_hex32(initialised);
    pqk_board_puts(" bss ");
    pqk_board_put_u64((uint64_t)zeroed[0] + zeroed[1] + zeroed[2] + zeroed[3]);
    pqk_board_putc('\n');
    report_spin("spin", 1u, 0);
    report_spin("spin", 1000u, 0);
    report_spin("spin", 100000u, 0);
    report_spin("spin", 8000000u, 0); /* crosses at least one SysTick wrap */
    /* Masked for about half a SysTick period (in instructions, from the board's scale), so the stretch
       crosses exactly one wrap however fast the board's SysTick runs (25 MHz MPS2, 168 MHz netduinoplus2). */
    report_spin("masked", (uint32_t)((0x00F00000ull / 4u) * PQK_BOARD_INSTR_PER_TICK_NUM / PQK_BOARD_INSTR_PER_TICK_DEN), 1);
    pqk_board_puts("done\n");
    return 0;
#endif
}
