/*
 * pqk_uart_stm32_usart_v2.c - transmit-only driver for the USART of STM32F7/L4/H7/L0 and the LPUART of
 * STM32L4/L5/G4, which share this register layout (RM0385 section 31.8, RM0432 section 51.7, RM0367
 * section 24.7):
 * CR1 +0x00 (bit 0 UE, bit 3 TE), BRR +0x0C, ISR +0x1C (bit 7 TXE), TDR +0x28.
 * BRR is PQK_BOARD_UART_DIVISOR from pqk_board_config.h: clock / baud for a USART, 256 x clock / baud
 * for an LPUART (the Java side knows which). Clocks and the TX pin are set up before this runs, by the
 * board's setup writes.
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

#define PQK_UART_CR1 (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x00u))
#define PQK_UART_BRR (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x0Cu))
#define PQK_UART_ISR (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x1Cu))
#define PQK_UART_TDR (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x28u))

#define PQK_UART_CR1_UE  (1u << 0)
#define PQK_UART_CR1_TE  (1u << 3)
#define PQK_UART_ISR_TXE (1u << 7)

void pqk_board_uart_init(void)
{
    PQK_UART_CR1 = 0u; /* BRR may only be written while the UART is disabled */
    PQK_UART_BRR = PQK_BOARD_UART_DIVISOR;
    PQK_UART_CR1 = PQK_UART_CR1_UE | PQK_UART_CR1_TE;
}

void pqk_board_putc(char c)
{
    while ((PQK_UART_ISR & PQK_UART_ISR_TXE) == 0u) {
    }
    PQK_UART_TDR = (uint32_t)(unsigned char)c;
}
