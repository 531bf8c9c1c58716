/*
 * pqk_uart_nrf52_uarte.c - transmit-only driver for the nRF52 UARTE (nRF52840 product specification
 * v1.7, section 6.34). EasyDMA reads only from RAM, so each character goes through a one-byte RAM
 * buffer: TXD.PTR/TXD.MAXCNT point at it, TASKS_STARTTX sends it, EVENTS_ENDTX says it has been read.
 * Registers: TASKS_STARTTX +0x008, EVENTS_ENDTX +0x120, ENABLE +0x500 (8 = UARTE), PSEL.TXD +0x50C,
 * BAUDRATE +0x524, TXD.PTR +0x544, TXD.MAXCNT +0x548, CONFIG +0x56C. The TX pin (PSEL.TXD, and the
 * GPIO set to output high) is chosen by the board's setup writes.
 */
#include "pqk_board.h"
#include "pqk_board_config.h"

#define PQK_UARTE_REG(offset) (*(volatile uint32_t *)(PQK_BOARD_UART_BASE + (offset)))
#define PQK_UARTE_TASKS_STARTTX PQK_UARTE_REG(0x008u)
#define PQK_UARTE_EVENTS_ENDTX  PQK_UARTE_REG(0x120u)
#define PQK_UARTE_ENABLE        PQK_UARTE_REG(0x500u)
#define PQK_UARTE_BAUDRATE      PQK_UARTE_REG(0x524u)
#define PQK_UARTE_TXD_PTR       PQK_UARTE_REG(0x544u)
#define PQK_UARTE_TXD_MAXCNT    PQK_UARTE_REG(0x548u)
#define PQK_UARTE_CONFIG        PQK_UARTE_REG(0x56Cu)

#define PQK_UARTE_ENABLE_UARTE 8u

/* The byte in flight; EasyDMA reads it from here. */
static volatile uint8_t pqk_uarte_byte;

void pqk_board_uart_init(void)
{
    PQK_UARTE_BAUDRATE = PQK_BOARD_UART_DIVISOR;
    PQK_UARTE_CONFIG = 0u; /* 8N1, no flow control */
    PQK_UARTE_ENABLE = PQK_UARTE_ENABLE_UARTE;
}

void pqk_board_putc(char c)
{
    pqk_uarte_byte = (uint8_t)c;
    PQK_UARTE_EVENTS_ENDTX = 0u;
    PQK_UARTE_TXD_PTR = (uint32_t)(uintptr_t)&pqk_uarte_byte;
    PQK_UARTE_TXD_MAXCNT = 1u;
    PQK_UARTE_TASKS_STARTTX = 1u;
    while (PQK_UARTE_EVENTS_ENDTX == 0u) {
    }
}
