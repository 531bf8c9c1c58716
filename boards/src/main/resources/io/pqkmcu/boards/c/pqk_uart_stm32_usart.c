/*
 * pqk_uart_stm32_usart.c - transmit-only driver for the STM32F1/F2/F4 USART (RM0090 section 30.6).
 * Registers: SR +0x00 (bit 7 TXE = data register empty), DR +0x04, BRR +0x08 (16x oversampling:
 * clock / baud, computed by the Java side as PQK_BOARD_UART_DIVISOR), CR1 +0x0C (bit 13 UE, bit 3 TE).
 * The peripheral's clock and its TX pin are switched on before this runs, by the board's setup writes
 * (PQK_BOARD_SETUP_WRITES in pqk_board_config.h).
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

#define PQK_UART_SR  (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x00u))
#define PQK_UART_DR  (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x04u))
#define PQK_UART_BRR (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x08u))
#define PQK_UART_CR1 (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x0Cu))

#define PQK_UART_SR_TXE (1u << 7)
#define PQK_UART_CR1_UE (1u << 13)
#define PQK_UART_CR1_TE (1u << 3)

void pqk_board_uart_init(void)
{
    PQK_UART_CR1 = 0u;
    PQK_UART_BRR = PQK_BOARD_UART_DIVISOR;
    PQK_UART_CR1 = PQK_UART_CR1_UE | PQK_UART_CR1_TE;
}

void pqk_board_putc(char c)
{
    while ((PQK_UART_SR & PQK_UART_SR_TXE) == 0u) {
    }
    PQK_UART_DR = (uint32_t)(unsigned char)c;
}
