package io.pqkmcu.boards;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One register read-modify-write the board runtime performs before it starts the UART:
 * {@code *address = (*address & ~clear) | set}. Boards list these (descriptor keys {@code setup.N}) to
 * switch on the clocks, power domains and pin functions their console UART needs; pqk programs no PLL,
 * so every board runs at its reset clock.
 *
 * @param register a name for humans and for the comment in {@code pqk_board_config.h}, e.g. {@code RCC_AHB1ENR}
 */
public record SetupWrite(String register, long address, long clear, long set) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\[\\]]*");

    public SetupWrite {
        Objects.requireNonNull(register, "register");
        if (!NAME.matcher(register).matches()) {
            throw new IllegalArgumentException("register name '" + register + "' must be letters, digits and _ . [ ]");
        }
        if (address < 0 || address > 0xFFFF_FFFCL || address % 4 != 0) {
            throw new IllegalArgumentException(String.format("%s: address 0x%X is not a word address", register, address));
        }
        for (long mask : new long[] {clear, set}) {
            if (mask < 0 || mask > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(String.format("%s: mask 0x%X is not 32 bits", register, mask));
            }
        }
    }

    /**
     * Parses {@code "<register> <address> <clear mask> <set mask>"}, e.g.
     * {@code "RCC_AHB1ENR 0x40023830 0 0x1"}; numbers decimal or 0x hex.
     */
    public static SetupWrite parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 4) {
            throw new IllegalArgumentException("setup write '" + text.trim()
                    + "' must be '<register> <address> <clear mask> <set mask>'");
        }
        return new SetupWrite(f[0], number(f[1], text), number(f[2], text), number(f[3], text));
    }

    private static long number(String s, String text) {
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2).replace("_", ""), 16)
                    : Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setup write '" + text.trim() + "': '" + s + "' is not a number", e);
        }
    }
}
