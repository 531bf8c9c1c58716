/*
 * pqk_startup_armv6m.c - vector table, reset and fault handling for ARMv6-M cores (Cortex-M0, M0+).
 *
 * The twin of pqk_startup_armv7m.c for the smallest cores, which differ in three ways that matter here:
 *  - Thumb-1 only: no IT blocks or conditional MRS, so the fault entry branches instead;
 *  - no configurable fault status registers (CFSR, HFSR, MMFAR, BFAR): every fault is a HardFault, and
 *    the report gives the stacked pc and lr only;
 *  - VTOR is absent on the Cortex-M0 and optional on the M0+, so the table must sit where the core
 *    looks at reset: the linker script puts it at the flash base, which ARMv6-M parts map at 0.
 *
 * Reset_Handler copies .data from flash, zeroes .bss, calls main() and hands its return value to
 * pqk_board_exit(). The table holds the 16 system exceptions only: pqk firmware enables no peripheral
 * interrupts. The symbols used below are defined by the board's linker script (pqk_board.ld).
 */
#include "pqk_board.h"

typedef void (*pqk_handler)(void);

/* Initial stack pointer, then the handlers of exceptions 1..15. */
typedef struct {
    const uint32_t *initial_sp;
    pqk_handler handlers[15];
} pqk_vector_table;

extern const uint32_t __stack_top__;
extern const uint32_t __data_load__;
extern uint32_t __data_start__;
extern uint32_t __data_end__;
extern uint32_t __bss_start__;
extern uint32_t __bss_end__;

int main(void);

void Reset_Handler(void);
void pqk_fault_entry(void);
void pqk_fault_report(const uint32_t *frame, uint32_t exc_return);

/* Every handler may be overridden by a strong definition elsewhere (SysTick_Handler is, in pqk_board.c). */
void NMI_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void HardFault_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void SVC_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void PendSV_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void SysTick_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));

__attribute__((section(".vectors"), used))
const pqk_vector_table pqk_vectors = {
    &__stack_top__,
    {
        Reset_Handler,     /*  1 */
        NMI_Handler,       /*  2 */
        HardFault_Handler, /*  3 */
        0,                 /*  4..10: reserved on ARMv6-M */
        0,
        0,
        0,
        0,
        0,
        0,
        SVC_Handler,       /* 11 */
        0,                 /* 12: reserved */
        0,                 /* 13: reserved */
        PendSV_Handler,    /* 14 */
        SysTick_Handler    /* 15: SysTick is optional on ARMv6-M (the nRF51 has none; QEMU models one) */
    }
};

/* ---- reset ----------------------------------------------------------------------------------- */

void Reset_Handler(void)
{
    const uint32_t *src = &__data_load__;
    uint32_t *dst = &__data_start__;

    while (dst < &__data_end__) {
        *dst = *src;
        dst++;
        src++;
    }
    for (dst = &__bss_start__; dst < &__bss_end__; dst++) {
        *dst = 0u;
    }
    pqk_board_exit(main());
}

/* ---- faults ---------------------------------------------------------------------------------- */

/*
 * Finds the stacked exception frame (on MSP or PSP, as EXC_RETURN bit 2 says) and passes it with
 * EXC_RETURN to pqk_fault_report. Naked: it must see the registers exactly as the exception left them.
 * Thumb-1 has no IT block and a short unconditional branch, hence the labels and the BX.
 */
__attribute__((naked)) void pqk_fault_entry(void)
{
    __asm__ volatile(
        "movs r0, #4\n\t"
        "mov r1, lr\n\t"
        "tst r0, r1\n\t"
        "bne 1f\n\t"
        "mrs r0, msp\n\t"
        "b 2f\n"
        "1:\n\t"
        "mrs r0, psp\n"
        "2:\n\t"
        "ldr r2, =pqk_fault_report\n\t"
        "bx r2\n\t"
        ".ltorg\n\t");
}

static const char *pqk_exception_name(uint32_t number)
{
    switch (number) {
    case 2u: return "NMI";
    case 3u: return "HardFault";
    case 11u: return "SVC";
    case 14u: return "PendSV";
    case 15u: return "SysTick";
    default: return "IRQ";
    }
}

/* frame: r0, r1, r2, r3, r12, lr, pc, xpsr of the interrupted code. */
void pqk_fault_report(const uint32_t *frame, uint32_t exc_return)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x3Fu;
    pqk_board_puts("\npqk: fault: ");
    pqk_board_puts(pqk_exception_name(ipsr));
    pqk_board_puts(" exception=");
    pqk_board_put_i32((int32_t)ipsr);
    pqk_board_puts(" pc=");
    pqk_board_put_hex32(frame[6]);
    pqk_board_puts(" lr=");
    pqk_board_put_hex32(frame[5]);
    pqk_board_puts(" exc_return=");
    pqk_board_put_hex32(exc_return);
    pqk_board_puts(" (ARMv6-M has no fault status registers)\n");
    pqk_board_exit(PQK_BOARD_EXIT_FAULT);
}
