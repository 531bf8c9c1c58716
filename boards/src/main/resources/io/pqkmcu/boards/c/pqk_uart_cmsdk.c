/*
 * pqk_uart_cmsdk.c - transmit-only driver for the ARM CMSDK APB UART (MPS2/MPS3 FPGA images).
 * Registers: DATA +0x00, STATE +0x04 (bit 0 = TX buffer full), CTRL +0x08 (bit 0 = TX enable),
 * BAUDDIV +0x10 (clock / baud, at least 16: PQK_BOARD_UART_DIVISOR, computed by the Java side).
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

#define PQK_UART_DATA    (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x00u))
#define PQK_UART_STATE   (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x04u))
#define PQK_UART_CTRL    (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x08u))
#define PQK_UART_BAUDDIV (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + 0x10u))

#define PQK_UART_STATE_TX_FULL (1u << 0)
#define PQK_UART_CTRL_TX_EN    (1u << 0)

void pqk_board_uart_init(void)
{
    PQK_UART_BAUDDIV = PQK_BOARD_UART_DIVISOR;
    PQK_UART_CTRL = PQK_UART_CTRL_TX_EN;
}

void pqk_board_putc(char c)
{
    while ((PQK_UART_STATE & PQK_UART_STATE_TX_FULL) != 0u) {
    }
    PQK_UART_DATA = (uint32_t)(unsigned char)c;
}
