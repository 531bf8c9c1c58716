/*
 * pqk_uart_nrf51_uart.c - transmit-only driver for the nRF51 UART (nRF51 series reference manual v3.0,
 * chapter 29). Unlike the nRF52's UARTE it has no EasyDMA: a byte written to TXD goes out once
 * TASKS_STARTTX has run, and EVENTS_TXDRDY says it has left.
 * Registers: TASKS_STARTTX +0x008, EVENTS_TXDRDY +0x11C, ENABLE +0x500 (4 = UART), PSELTXD +0x50C,
 * TXD +0x51C, BAUDRATE +0x524, CONFIG +0x56C. The TX pin (PSELTXD, and the GPIO set to output high) is
 * chosen by the board's setup writes.
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

#define PQK_UART_REG(offset) (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + (offset)))
#define PQK_UART_TASKS_STARTTX PQK_UART_REG(0x008u)
#define PQK_UART_EVENTS_TXDRDY PQK_UART_REG(0x11Cu)
#define PQK_UART_ENABLE        PQK_UART_REG(0x500u)
#define PQK_UART_TXD           PQK_UART_REG(0x51Cu)
#define PQK_UART_BAUDRATE      PQK_UART_REG(0x524u)
#define PQK_UART_CONFIG        PQK_UART_REG(0x56Cu)

#define PQK_UART_ENABLE_UART 4u

void pqk_board_uart_init(void)
{
    PQK_UART_ENABLE = PQK_UART_ENABLE_UART;
    PQK_UART_BAUDRATE = PQK_BOARD_UART_DIVISOR;
    PQK_UART_CONFIG = 0u; /* 8N1, no flow control */
    PQK_UART_TASKS_STARTTX = 1u;
}

void pqk_board_putc(char c)
{
    PQK_UART_EVENTS_TXDRDY = 0u;
    PQK_UART_TXD = (uint32_t)(uint8_t)c;
    while (PQK_UART_EVENTS_TXDRDY == 0u) {
    }
}
