/*
 * pqk_board.c - board runtime shared by every Cortex-M board: SysTick instruction counter,
 * integer printing, semihosting exit. The UART itself lives in pqk_uart_<kind>.c.
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

/* ---- Cortex-M system registers (same addresses on v6-M, v7-M and v8-M) ---------------------- */

#define PQK_SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define PQK_SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define PQK_SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define PQK_SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)

#define PQK_SYST_CSR_ENABLE    (1u << 0)
#define PQK_SYST_CSR_TICKINT   (1u << 1)
#define PQK_SYST_CSR_CLKSOURCE (1u << 2) /* 1 = processor clock */
#define PQK_SCB_ICSR_PENDSTSET (1u << 26)

/* Largest reload: the counter runs 2^24 ticks between wrap-arounds. */
#define PQK_SYST_RELOAD 0x00FFFFFFu

/* SysTick periods completed since pqk_board_init; written only by SysTick_Handler. */
static volatile uint32_t pqk_systick_wraps;
/* Raw tick count at the end of pqk_board_init, so counts start near zero. */
static uint64_t pqk_ticks_at_init;

static uint64_t pqk_raw_ticks(void);

/* ---- init ------------------------------------------------------------------------------------ */

/*
 * The board's setup writes (descriptor keys setup.N): clocks, pins and power domains the console UART
 * needs, as read-modify-writes in descriptor order. Empty on boards whose UART needs nothing.
 */
static void pqk_board_setup(void)
{
#if PQK_BOARD_SETUP_COUNT > 0
    static const struct {
        uint32_t address;
        uint32_t clear;
        uint32_t set;
    } writes[PQK_BOARD_SETUP_COUNT] = PQK_BOARD_SETUP_WRITES;
    uint32_t i;
    for (i = 0u; i < PQK_BOARD_SETUP_COUNT; i++) {
        volatile uint32_t *reg = (volatile uint32_t *)writes[i].address;
        *reg = (*reg & ~writes[i].clear) | writes[i].set;
    }
#endif /* PQK_BOARD_SETUP_COUNT > 0 */
}

void pqk_board_init(void)
{
    pqk_board_setup();
    pqk_board_uart_init();

    PQK_SYST_CSR = 0u;
    pqk_systick_wraps = 0u;
    PQK_SYST_RVR = PQK_SYST_RELOAD;
    PQK_SYST_CVR = 0u; /* any write clears the counter; it reloads on the next tick */
    PQK_SYST_CSR = PQK_SYST_CSR_ENABLE | PQK_SYST_CSR_TICKINT | PQK_SYST_CSR_CLKSOURCE;
    pqk_ticks_at_init = pqk_raw_ticks();
}

/* ---- counting -------------------------------------------------------------------------------- */

void SysTick_Handler(void);

void SysTick_Handler(void)
{
    pqk_systick_wraps = pqk_systick_wraps + 1u;
}

/*
 * The counter and the wrap count cannot be read atomically, so:
 *  - the wrap count is read before and after the counter; if SysTick_Handler ran in between, retry;
 *  - when interrupts are masked the handler cannot run, but the wrap still shows as a pending
 *    SysTick (ICSR.PENDSTSET). Pending before the counter read: the wrap happened before it, count
 *    it. Pending only after: the wrap happened between the two ICSR reads, and the counter value
 *    says on which side (just after a wrap it is near the reload value, just before it near 0).
 */
static uint64_t pqk_raw_ticks(void)
{
    uint32_t wraps;
    uint32_t current;
    uint32_t pending_before;
    uint32_t pending_after;
    do {
        wraps = pqk_systick_wraps;
        pending_before = PQK_SCB_ICSR & PQK_SCB_ICSR_PENDSTSET;
        current = PQK_SYST_CVR;
        pending_after = PQK_SCB_ICSR & PQK_SCB_ICSR_PENDSTSET;
    } while (wraps != pqk_systick_wraps);
    if (pending_before != 0u || (pending_after != 0u && current > (PQK_SYST_RELOAD >> 1))) {
        wraps += 1u;
    }
    return (uint64_t)wraps * ((uint64_t)PQK_SYST_RELOAD + 1u) + (uint64_t)(PQK_SYST_RELOAD - current);
}

uint64_t pqk_board_ticks(void)
{
    return pqk_raw_ticks() - pqk_ticks_at_init;
}

uint64_t pqk_board_instructions(void)
{
    return pqk_board_ticks() * PQK_BOARD_INSTR_PER_TICK_NUM / PQK_BOARD_INSTR_PER_TICK_DEN;
}

/* ---- text out -------------------------------------------------------------------------------- */

void pqk_board_puts(const char *s)
{
    while (*s != '\0') {
        pqk_board_putc(*s);
        s++;
    }
}

/* Not inlined into pqk_board_put_i32: one copy of the digit loop. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
void pqk_board_put_u64(uint64_t v)
{
    char digits[20]; /* 2^64 - 1 has 20 decimal digits */
    int n = 0;
    do {
        digits[n] = (char)('0' + (int)(v % 10u));
        v /= 10u;
        n++;
    } while (v != 0u);
    while (n > 0) {
        n--;
        pqk_board_putc(digits[n]);
    }
}

void pqk_board_put_i32(int32_t v)
{
    uint32_t magnitude = (uint32_t)v;
    if (v < 0) {
        pqk_board_putc('-');
        magnitude = 0u - magnitude; /* negated in unsigned arithmetic so INT32_MIN does not overflow */
    }
    pqk_board_put_u64((uint64_t)magnitude);
}

void pqk_board_put_hex32(uint32_t v)
{
    static const char hex[] = "0123456789abcdef";
    int shift;
    pqk_board_puts("0x");
    for (shift = 28; shift >= 0; shift -= 4) {
        pqk_board_putc(hex[(v >> shift) & 0xFu]);
    }
}

/* ---- exit ------------------------------------------------------------------------------------ */

#if PQK_BOARD_EXIT_SEMIHOSTING

#define PQK_SEMIHOSTING_SYS_EXIT_EXTENDED 0x20u
#define PQK_ADP_STOPPED_APPLICATION_EXIT 0x20026u

void pqk_board_exit(int status)
{
    /* Parameter block of SYS_EXIT_EXTENDED: reason, then the exit code. */
    volatile uint32_t block[2];
    block[0] = PQK_ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (status < 0 || status > 255) ? 255u : (uint32_t)status;
    __asm__ volatile(
        "mov r0, %0\n\t"
        "mov r1, %1\n\t"
        "bkpt 0xab"
        :
        : "r"(PQK_SEMIHOSTING_SYS_EXIT_EXTENDED), "r"(block)
        : "r0", "r1", "memory");
    for (;;) {
    }
}

#else /* !PQK_BOARD_EXIT_SEMIHOSTING */

/*
 * No semihosting host (real silicon without a debugger, Renode): a breakpoint would fault, so the status
 * goes out on the UART as "PQK EXIT <status>" and the core sleeps with interrupts masked.
 */
void pqk_board_exit(int status)
{
    pqk_board_puts("PQK EXIT ");
    pqk_board_put_i32((status < 0 || status > 255) ? 255 : (int32_t)status);
    pqk_board_puts("\n");
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;) {
        __asm__ volatile("wfi");
    }
}

#endif /* PQK_BOARD_EXIT_SEMIHOSTING */
