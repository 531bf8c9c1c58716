package io.pqkmcu.boards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to program a board's flash through its debug probe.
 *
 * @param openocd     OpenOCD configuration in order: entries ending in {@code .cfg} are scripts ({@code -f}),
 *                    other entries are commands ({@code -c}), e.g. {@code [board/stm32f4discovery.cfg]} or
 *                    {@code [interface/stlink.cfg, transport select hla_swd, target/stm32f4x.cfg]}; empty when
 *                    OpenOCD cannot program the board
 * @param pyocdTarget pyOCD {@code --target} name (built in, or from an installed CMSIS pack)
 * @param note        what the user must know first (an external probe, a jumper), or empty
 */
public record FlashTools(List<String> openocd, Optional<String> pyocdTarget, Optional<String> note) {
    public static final FlashTools NONE = new FlashTools(List.of(), Optional.empty(), Optional.empty());

    public FlashTools {
        openocd = List.copyOf(openocd);
        for (String e : openocd) {
            if (e.isBlank()) {
                throw new IllegalArgumentException("empty OpenOCD configuration entry");
            }
        }
    }

    public boolean any() {
        return !openocd.isEmpty() || pyocdTarget.isPresent();
    }

    /** OpenOCD's arguments for the configuration: {@code -f script} and {@code -c command}, in order. */
    public List<String> openocdArguments() {
        List<String> args = new ArrayList<>();
        for (String e : openocd) {
            args.add(e.endsWith(".cfg") ? "-f" : "-c");
            args.add(e);
        }
        return List.copyOf(args);
    }
}
