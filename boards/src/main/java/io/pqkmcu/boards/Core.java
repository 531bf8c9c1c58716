package io.pqkmcu.boards;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cortex-M cores a board may have. The name is both gcc's {@code -mcpu} value and QEMU's {@code -cpu}
 * name. Each core says which features it can have, so a descriptor claiming DSP on a Cortex-M3 (or
 * denying it on a Cortex-M4, where it is part of ARMv7E-M) is refused, and which startup file serves
 * its architecture.
 */
public enum Core {
    CORTEX_M0("cortex-m0", "armv6-m", Dsp.NONE, false),
    CORTEX_M0PLUS("cortex-m0plus", "armv6-m", Dsp.NONE, false),
    CORTEX_M3("cortex-m3", "armv7-m", Dsp.NONE, false),
    CORTEX_M4("cortex-m4", "armv7e-m", Dsp.ALWAYS, true),
    CORTEX_M7("cortex-m7", "armv7e-m", Dsp.ALWAYS, true),
    CORTEX_M33("cortex-m33", "armv8-m.main", Dsp.OPTIONAL, true),
    CORTEX_M55("cortex-m55", "armv8.1-m.main", Dsp.OPTIONAL, true);

    /** Whether a core has the DSP extension: never, always (ARMv7E-M), or as an implementation option. */
    public enum Dsp { NONE, ALWAYS, OPTIONAL }

    /** gcc {@code -mcpu} and QEMU {@code -cpu} name, e.g. {@code cortex-m4}. */
    public final String cpuName;
    /** Architecture as gcc spells it in {@code -march}. */
    public final String architecture;
    /** Whether the DSP extension (SMLAD and friends) is present; OPTIONAL cores need {@code +nodsp} without it. */
    public final Dsp dsp;
    /** Whether a single-precision FPU may be present. */
    public final boolean fpuPossible;

    Core(String cpuName, String architecture, Dsp dsp, boolean fpuPossible) {
        this.cpuName = cpuName;
        this.architecture = architecture;
        this.dsp = dsp;
        this.fpuPossible = fpuPossible;
    }

    /**
     * Startup source (resource under {@code io/pqkmcu/boards/c/}) for this core's architecture:
     * one file serves ARMv7-M and ARMv8-M Mainline, whose system exception tables are the same;
     * ARMv6-M (Cortex-M0/M0+) has its own, in Thumb-1 and without the fault status registers.
     */
    public String startupSource() {
        return architecture.equals("armv6-m") ? "pqk_startup_armv6m.c" : "pqk_startup_armv7m.c";
    }

    /** The core named {@code name} (e.g. {@code cortex-m4}), or an error listing the known names. */
    public static Core fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Core c : values()) {
            if (c.cpuName.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown core '" + name + "'; known cores: "
                + Arrays.stream(values()).map(c -> c.cpuName).collect(Collectors.joining(", ")));
    }
}
