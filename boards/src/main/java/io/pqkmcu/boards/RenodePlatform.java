package io.pqkmcu.boards;

import java.util.List;
import java.util.Objects;

/**
 * How Renode emulates a board.
 *
 * @param platform    a Renode platform description: a path inside Renode's tree
 *                    ({@code platforms/boards/stm32f4_discovery-kit.repl}), or the name of a {@code .repl} that
 *                    pqk ships for a board Renode has no platform for ({@code pqk:<file>}, a resource under
 *                    {@code io/pqkmcu/boards/renode/})
 * @param uart        the console UART's peripheral path, e.g. {@code sysbus.usart2} (Renode wants the bus path)
 * @param sysbusInit  Renode monitor commands that replace the stock platform's {@code sysbus: init:} block. Stock
 *                    STM32 and nRF52 platforms apply an SVD file downloaded from the web there, which fails
 *                    offline and is fatal under {@code renode-test}; empty keeps the stock block
 */
public record RenodePlatform(String platform, String uart, List<String> sysbusInit) {
    /** Prefix of platform names that pqk ships itself. */
    public static final String PQK_PREFIX = "pqk:";

    public RenodePlatform {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(uart, "uart");
        sysbusInit = List.copyOf(sysbusInit);
        if (!platform.endsWith(".repl") || !(platform.startsWith("platforms/") || platform.startsWith(PQK_PREFIX))) {
            throw new IllegalArgumentException("Renode platform '" + platform + "' must be a .repl under platforms/ "
                    + "(Renode's own) or " + PQK_PREFIX + "<file>.repl (shipped by pqk)");
        }
        if (!uart.startsWith("sysbus.")) {
            throw new IllegalArgumentException("Renode UART '" + uart + "' must be a bus path such as sysbus.usart2");
        }
    }

    /** Whether pqk ships the platform file (it is not part of Renode). */
    public boolean shippedByPqk() {
        return platform.startsWith(PQK_PREFIX);
    }
}
