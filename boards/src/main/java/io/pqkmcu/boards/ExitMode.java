package io.pqkmcu.boards;

import java.util.Locale;

/** How {@code pqk_board_exit} hands the firmware's status to the outside world. */
public enum ExitMode {
    /** Semihosting SYS_EXIT_EXTENDED: QEMU exits with the status (a breakpoint; needs a semihosting host). */
    SEMIHOSTING,
    /** Prints {@code PQK EXIT <status>} on the UART and sleeps: real silicon without a debugger, Renode. */
    HALT;

    /** {@code semihosting} or {@code halt}, as descriptors spell it. */
    public String descriptorName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExitMode fromName(String name) {
        for (ExitMode m : values()) {
            if (m.descriptorName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown exit mode '" + name + "'; known: semihosting, halt");
    }
}
