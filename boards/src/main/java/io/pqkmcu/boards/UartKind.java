package io.pqkmcu.boards;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * UART peripherals the board runtime can drive; each has one transmit-only C driver. The Java side
 * computes the baud-rate register value ({@link #divisor}) so that the drivers hold no arithmetic on
 * clocks and the value is visible in {@code pqk_board_config.h}.
 */
public enum UartKind {
    /** ARM CMSDK APB UART of the MPS2/MPS3 FPGA images: BAUDDIV = clock / baud (at least 16). */
    CMSDK("cmsdk", "pqk_uart_cmsdk.c"),
    /** STM32F1/F2/F4 USART (SR, DR, BRR, CR1 at +0x0..+0xC): BRR = clock / baud with 16x oversampling. */
    STM32_USART("stm32-usart", "pqk_uart_stm32_usart.c"),
    /** STM32F7/L4/H7 USART (CR1 +0x0, BRR +0xC, ISR +0x1C, TDR +0x28): BRR = clock / baud. */
    STM32_USART_V2("stm32-usart-v2", "pqk_uart_stm32_usart_v2.c"),
    /** STM32L4/L5/G4 LPUART: the USART v2 registers, but BRR = 256 x clock / baud. */
    STM32_LPUART("stm32-lpuart", "pqk_uart_stm32_usart_v2.c"),
    /** nRF51 UART (no EasyDMA): TXD register and TXDRDY event; BAUDRATE is a fixed code per rate. */
    NRF51_UART("nrf51-uart", "pqk_uart_nrf51_uart.c"),
    /** nRF52 UARTE (EasyDMA): transmits from RAM; BAUDRATE is a fixed code per rate, not a divisor. */
    NRF52_UARTE("nrf52-uarte", "pqk_uart_nrf52_uarte.c");

    /** Name used in board descriptors. */
    public final String descriptorName;
    /** Driver source, a resource under {@code io/pqkmcu/boards/c/}. */
    public final String driverSource;

    UartKind(String descriptorName, String driverSource) {
        this.descriptorName = descriptorName;
        this.driverSource = driverSource;
    }

    /**
     * The value the driver writes to the baud-rate register for {@code baud} with the UART clocked at
     * {@code clockHz}.
     *
     * @throws IllegalArgumentException when the peripheral cannot produce that rate from that clock
     */
    public long divisor(long clockHz, long baud) {
        if (clockHz <= 0 || baud <= 0) {
            throw new IllegalArgumentException("UART clock and baud rate must be positive");
        }
        switch (this) {
            case CMSDK: {
                long d = clockHz / baud;
                if (d < 16 || d > 0xFFFFF) {
                    throw new IllegalArgumentException("CMSDK UART: " + clockHz + " Hz / " + baud + " baud gives BAUDDIV "
                            + d + ", outside 16..0xFFFFF");
                }
                return d;
            }
            case STM32_USART:
            case STM32_USART_V2: {
                long d = Math.round((double) clockHz / baud);
                if (d < 16 || d > 0xFFFF) {
                    throw new IllegalArgumentException("STM32 USART: " + clockHz + " Hz / " + baud + " baud gives BRR "
                            + d + ", outside 16..0xFFFF");
                }
                return d;
            }
            case STM32_LPUART: {
                // RM0432 LPUART: BRR = 256 * f / baud, at least 0x300, and f in [3, 4096] x baud.
                long d = Math.round(256.0 * clockHz / baud);
                if (d < 0x300 || d > 0xFFFFF || clockHz < 3 * baud || clockHz > 4096 * baud) {
                    throw new IllegalArgumentException("STM32 LPUART: " + clockHz + " Hz cannot give " + baud
                            + " baud (BRR " + d + " must be in 0x300..0xFFFFF and the clock within 3..4096 x baud)");
                }
                return d;
            }
            case NRF51_UART:
                return nrf51BaudCode(baud);
            case NRF52_UARTE:
                return nrfBaudCode(baud);
            default:
                throw new AssertionError(this);
        }
    }

    /** nRF52840 product specification, UARTE BAUDRATE register: one code per supported rate. */
    private static long nrfBaudCode(long baud) {
        long[][] codes = {
            {9600, 0x00275000L}, {19200, 0x004EA000L}, {38400, 0x009D0000L}, {57600, 0x00EB0000L},
            {115200, 0x01D60000L}, {230400, 0x03B00000L}, {460800, 0x07400000L}, {921600, 0x0F000000L},
            {1000000, 0x10000000L}};
        return baudCode("nRF52 UARTE", codes, baud);
    }

    private static long baudCode(String peripheral, long[][] codes, long baud) {
        for (long[] c : codes) {
            if (c[0] == baud) {
                return c[1];
            }
        }
        throw new IllegalArgumentException(peripheral + " has no BAUDRATE code for " + baud + " baud; supported: "
                + Arrays.stream(codes).map(c -> Long.toString(c[0])).collect(Collectors.joining(", ")));
    }

    /**
     * nRF51 reference manual v3.0, UART BAUDRATE register: one code per rate. They differ from the nRF52
     * UARTE's codes (115200 is 0x01D7E000 here, 0x01D60000 there).
     */
    private static long nrf51BaudCode(long baud) {
        long[][] codes = {
            {9600, 0x00275000L}, {19200, 0x004EA000L}, {38400, 0x009D5000L}, {57600, 0x00EBF000L},
            {115200, 0x01D7E000L}, {230400, 0x03AFB000L}, {460800, 0x075F7000L}, {921600, 0x0EBEDFA4L},
            {1000000, 0x10000000L}};
        return baudCode("nRF51 UART", codes, baud);
    }

    /** The kind named {@code name} in a descriptor, or an error listing the known kinds. */
    public static UartKind fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (UartKind k : values()) {
            if (k.descriptorName.equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown UART kind '" + name + "'; known kinds: "
                + Arrays.stream(values()).map(k -> k.descriptorName).collect(Collectors.joining(", ")));
    }
}
