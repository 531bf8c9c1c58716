/*
 * pqk_startup_armv7m.c - vector table, reset and fault handling for ARMv7-M and ARMv8-M Mainline
 * cores (Cortex-M3, M4, M7, M33, M55), running in the state they reset in (Secure on v8-M).
 *
 * Reset_Handler enables the FPU when the code is built for one, copies .data from flash, zeroes .bss,
 * calls main() and hands its return value to pqk_board_exit(). Faults and unexpected exceptions print
 * what happened on the UART and exit with PQK_BOARD_EXIT_FAULT, so a crashing firmware ends a test
 * run at once instead of hanging until its timeout.
 *
 * The table holds the 16 system exceptions only: pqk firmware enables no peripheral interrupts.
 * The symbols used below are defined by the board's linker script (pqk_board.ld).
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
void MemManage_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void BusFault_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void UsageFault_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void SecureFault_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void SVC_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void DebugMon_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void PendSV_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));
void SysTick_Handler(void) __attribute__((weak, alias("pqk_fault_entry")));

__attribute__((section(".vectors"), used))
const pqk_vector_table pqk_vectors = {
    &__stack_top__,
    {
        Reset_Handler,       /*  1 */
        NMI_Handler,         /*  2 */
        HardFault_Handler,   /*  3 */
        MemManage_Handler,   /*  4 */
        BusFault_Handler,    /*  5 */
        UsageFault_Handler,  /*  6 */
        SecureFault_Handler, /*  7: ARMv8-M with the Security Extension; reserved on v7-M */
        0,                   /*  8: reserved */
        0,                   /*  9: reserved */
        0,                   /* 10: reserved */
        SVC_Handler,         /* 11 */
        DebugMon_Handler,    /* 12 */
        0,                   /* 13: reserved */
        PendSV_Handler,      /* 14 */
        SysTick_Handler      /* 15 */
    }
};

/* ---- reset ----------------------------------------------------------------------------------- */

#define PQK_SCB_VTOR  (*(volatile uint32_t *)0xE000ED08u)
#define PQK_SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

void Reset_Handler(void)
{
    const uint32_t *src = &__data_load__;
    uint32_t *dst = &__data_start__;

    /* Exceptions must use this table even when a loader left VTOR elsewhere. */
    PQK_SCB_VTOR = (uint32_t)&pqk_vectors;
#if defined(__ARM_FP)
    /* Full access to CP10/CP11 before the compiler's first floating-point instruction. */
    PQK_SCB_CPACR |= (0xFu << 20);
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif /* __ARM_FP */
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

#define PQK_SCB_CFSR  (*(volatile uint32_t *)0xE000ED28u)
#define PQK_SCB_HFSR  (*(volatile uint32_t *)0xE000ED2Cu)
#define PQK_SCB_MMFAR (*(volatile uint32_t *)0xE000ED34u)
#define PQK_SCB_BFAR  (*(volatile uint32_t *)0xE000ED38u)

/*
 * Finds the stacked exception frame (on MSP or PSP, as EXC_RETURN bit 2 says) and passes it with
 * EXC_RETURN to pqk_fault_report. Naked: it must see the registers exactly as the exception left them.
 */
__attribute__((naked)) void pqk_fault_entry(void)
{
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "mov r1, lr\n\t"
        "b pqk_fault_report\n\t");
}

static const char *pqk_exception_name(uint32_t number)
{
    switch (number) {
    case 2u: return "NMI";
    case 3u: return "HardFault";
    case 4u: return "MemManage";
    case 5u: return "BusFault";
    case 6u: return "UsageFault";
    case 7u: return "SecureFault";
    case 11u: return "SVC";
    case 12u: return "DebugMon";
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
    ipsr &= 0x1FFu;
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
    pqk_board_puts(" cfsr=");
    pqk_board_put_hex32(PQK_SCB_CFSR);
    pqk_board_puts(" hfsr=");
    pqk_board_put_hex32(PQK_SCB_HFSR);
    pqk_board_puts(" mmfar=");
    pqk_board_put_hex32(PQK_SCB_MMFAR);
    pqk_board_puts(" bfar=");
    pqk_board_put_hex32(PQK_SCB_BFAR);
    pqk_board_puts("\n");
    pqk_board_exit(PQK_BOARD_EXIT_FAULT);
}
