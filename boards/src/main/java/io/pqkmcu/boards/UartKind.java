package io.pqkmcu.boards;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** UART peripherals the board runtime can drive; each has one transmit-only C driver. */
public enum UartKind {
    /** ARM CMSDK APB UART of the MPS2/MPS3 FPGA images. */
    CMSDK("cmsdk", "pqk_uart_cmsdk.c");

    /** Name used in board descriptors. */
    public final String descriptorName;
    /** Driver source, a resource under {@code io/pqkmcu/boards/c/}. */
    public final String driverSource;

    UartKind(String descriptorName, String driverSource) {
        this.descriptorName = descriptorName;
        this.driverSource = driverSource;
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
