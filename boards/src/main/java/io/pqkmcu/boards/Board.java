package io.pqkmcu.boards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * A board as data: its core and compiler flags, memory, clocks, UART and how to emulate it.
 * Boards are loaded from descriptors by {@link BoardCatalog}; the constructor checks that the values
 * agree with each other, so every {@code Board} instance is usable.
 *
 * @param id          catalog id, e.g. {@code qemu-mps2-an386}
 * @param description one line for humans
 * @param target      the core and how gcc compiles for it
 * @param memory      flash, RAM and the stack reserve
 * @param clocks      the core and SysTick clocks
 * @param uart        the console UART
 * @param setup       register writes before the UART starts (clocks, power, pins), in order
 * @param exitMode    how the firmware's exit status leaves the board
 * @param emulators   which emulators run the board's firmware, and as what
 * @param flashTools  how to program the board through a debug probe ({@link FlashTools#NONE} for none)
 */
public record Board(
        String id,
        String description,
        Target target,
        Memory memory,
        Clocks clocks,
        Uart uart,
        List<SetupWrite> setup,
        ExitMode exitMode,
        Emulators emulators,
        FlashTools flashTools) {

    /**
     * @param core     the CPU core ({@code -mcpu})
     * @param floatAbi {@code soft}, {@code softfp} or {@code hard} ({@code -mfloat-abi})
     * @param fpu      {@code -mfpu} value (e.g. {@code fpv4-sp-d16}); empty lets gcc derive it from the core
     * @param hasDsp   the core has the DSP extension ({@code __ARM_FEATURE_DSP} code paths may run)
     * @param hasFpu   the core has a floating-point unit
     */
    public record Target(Core core, String floatAbi, Optional<String> fpu, boolean hasDsp, boolean hasFpu) {}

    /**
     * @param flash     where code and constants go (the vector table sits at its base)
     * @param ram       where data, bss and the stack go
     * @param stackSize bytes reserved for the stack at the end of the used RAM (counted in RAM use)
     */
    public record Memory(MemoryRegion flash, MemoryRegion ram, long stackSize) {}

    /**
     * @param coreHz    core clock; also the UART's peripheral clock on the boards we ship
     * @param systickHz the clock SysTick counts with CLKSOURCE = 1 (the processor clock as modelled)
     */
    public record Clocks(long coreHz, long systickHz) {}

    /**
     * @param kind the console UART's peripheral type
     * @param base its base address
     * @param baud the console's baud rate (8N1)
     */
    public record Uart(UartKind kind, long base, long baud) {}

    /**
     * @param qemuMachine QEMU {@code -M} machine name, if QEMU emulates this board
     * @param renode      Renode platform and console, if Renode emulates it
     */
    public record Emulators(Optional<String> qemuMachine, Optional<RenodePlatform> renode) {
        /** Neither emulator runs the board. */
        public static final Emulators NONE = new Emulators(Optional.empty(), Optional.empty());
    }

    /**
     * QEMU {@code -icount} shift every pqk firmware is built for and run with: one instruction is
     * 2^6 = 64 ns of virtual time, 1.6 SysTick ticks at 25 MHz, so instructions = ticks × 5 / 8.
     * Chosen so that a tick is finer than an instruction (counts exact to about one instruction) while
     * the 24-bit SysTick still runs about ten million instructions between wrap-arounds.
     */
    public static final int QEMU_ICOUNT_SHIFT = 6;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern FPU = Pattern.compile("[a-z0-9.-]+");
    private static final Set<String> FLOAT_ABIS = Set.of("soft", "softfp", "hard");

    public Board {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("board id '" + id + "' must be lower-case letters, digits and dashes");
        }
        String where = "board " + id + ": ";
        Objects.requireNonNull(description, where + "description");
        Objects.requireNonNull(target, where + "target");
        Objects.requireNonNull(memory, where + "memory");
        Objects.requireNonNull(clocks, where + "clocks");
        Objects.requireNonNull(uart, where + "UART");
        Objects.requireNonNull(emulators, where + "emulators");
        Core core = target.core();
        String floatAbi = target.floatAbi();
        Optional<String> fpu = target.fpu();
        boolean hasDsp = target.hasDsp();
        boolean hasFpu = target.hasFpu();
        MemoryRegion flash = memory.flash();
        MemoryRegion ram = memory.ram();
        long stackSize = memory.stackSize();
        long clockHz = clocks.coreHz();
        long systickHz = clocks.systickHz();
        UartKind uartKind = uart.kind();
        long uartBase = uart.base();
        long uartBaud = uart.baud();
        Optional<String> qemuMachine = emulators.qemuMachine();
        Optional<RenodePlatform> renode = emulators.renode();
        Objects.requireNonNull(core, where + "core");
        Objects.requireNonNull(floatAbi, where + "float ABI");
        Objects.requireNonNull(fpu, where + "fpu");
        Objects.requireNonNull(flash, where + "flash");
        Objects.requireNonNull(ram, where + "ram");
        Objects.requireNonNull(uartKind, where + "UART kind");
        Objects.requireNonNull(setup, where + "setup writes");
        Objects.requireNonNull(exitMode, where + "exit mode");
        Objects.requireNonNull(qemuMachine, where + "QEMU machine");
        Objects.requireNonNull(renode, where + "Renode platform");
        Objects.requireNonNull(flashTools, where + "flash tools");
        setup = List.copyOf(setup);
        if (!FLOAT_ABIS.contains(floatAbi)) {
            throw new IllegalArgumentException(where + "float ABI '" + floatAbi + "' must be one of soft, softfp, hard");
        }
        if (hasDsp && core.dsp == Core.Dsp.NONE) {
            throw new IllegalArgumentException(where + core.cpuName + " has no DSP extension");
        }
        if (!hasDsp && core.dsp == Core.Dsp.ALWAYS) {
            throw new IllegalArgumentException(where + core.cpuName + " always has the DSP extension; set dsp=true");
        }
        if (hasFpu && !core.fpuPossible) {
            throw new IllegalArgumentException(where + core.cpuName + " has no FPU");
        }
        if (!hasFpu && !floatAbi.equals("soft")) {
            throw new IllegalArgumentException(where + "float ABI " + floatAbi + " needs an FPU; use soft or set the FPU flag");
        }
        if (fpu.isPresent() && (!hasFpu || !FPU.matcher(fpu.get()).matches())) {
            throw new IllegalArgumentException(where + "-mfpu=" + fpu.get()
                    + (hasFpu ? " is not a valid FPU name" : " given for a board without FPU"));
        }
        if (flash.overlaps(ram)) {
            throw new IllegalArgumentException(where + "flash " + flash + " overlaps RAM " + ram);
        }
        if (stackSize <= 0 || stackSize % 8 != 0 || stackSize >= ram.size()) {
            throw new IllegalArgumentException(where + "stack size " + stackSize
                    + " must be a positive multiple of 8 smaller than the RAM (" + ram.size() + " bytes)");
        }
        if (clockHz <= 0 || systickHz <= 0) {
            throw new IllegalArgumentException(where + "clock and SysTick frequencies must be positive");
        }
        if (uartBase < 0 || uartBase > 0xFFFF_FFFFL || uartBase % 4 != 0) {
            throw new IllegalArgumentException(String.format("%sUART base 0x%X is not a word address", where, uartBase));
        }
        try {
            uartKind.divisor(clockHz, uartBaud);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
        if (exitMode == ExitMode.SEMIHOSTING && qemuMachine.isEmpty()) {
            // Without a semihosting host the exit breakpoint faults; only QEMU runs are known to have one.
            throw new IllegalArgumentException(where + "exit=semihosting needs a semihosting host; boards that QEMU "
                    + "does not run must use exit=halt");
        }
        qemuMachine.ifPresent(m -> {
            if (!ID.matcher(m).matches()) {
                throw new IllegalArgumentException(where + "QEMU machine '" + m + "' is not a machine name");
            }
        });
    }

    /**
     * Target flags for gcc: {@code -mcpu} ({@code +nodsp} on a core whose DSP extension is optional and
     * absent, so {@code __ARM_FEATURE_DSP} tells the truth), {@code -mthumb}, {@code -mfloat-abi} and, when
     * the board names one, {@code -mfpu}. Warning and optimisation flags are the build's business
     * (see codegen's CrossCompiler).
     */
    public List<String> compilerFlags() {
        List<String> flags = new ArrayList<>();
        Core core = target.core();
        flags.add("-mcpu=" + core.cpuName + (!target.hasDsp() && core.dsp == Core.Dsp.OPTIONAL ? "+nodsp" : ""));
        flags.add("-mthumb");
        if (core.architecture.equals("armv6-m")) {
            // gcc reads inline assembly for Thumb-1 in the old divided syntax unless told otherwise; the
            // runtime's (and most users') inline assembly is written in unified syntax, as for every other core.
            flags.add("-masm-syntax-unified");
        }
        flags.add("-mfloat-abi=" + target.floatAbi());
        target.fpu().ifPresent(f -> flags.add("-mfpu=" + f));
        return List.copyOf(flags);
    }

    /** The value the UART driver writes to its baud-rate register ({@link UartKind#divisor}). */
    public long uartDivisor() {
        return uart.kind().divisor(clocks.coreHz(), uart.baud());
    }

    /** Whether Renode can run this board's firmware. */
    public boolean runsInRenode() {
        return emulators.renode().isPresent();
    }

    /**
     * The text of the Renode platform file pqk ships for this board ({@code renode.platform=pqk:<file>}), or
     * empty when the board uses one of Renode's own platforms or has none.
     */
    public Optional<String> shippedRenodePlatform() {
        return emulators.renode().filter(RenodePlatform::shippedByPqk)
                .map(r -> BoardFirmware.resource("renode/" + r.platform().substring(RenodePlatform.PQK_PREFIX.length())));
    }

    /** QEMU {@code -cpu} name (the machines we ship accept only their own core). */
    public String qemuCpu() {
        return target.core().cpuName;
    }

    /** Whether QEMU can run this board's firmware. */
    public boolean runsInQemu() {
        return emulators.qemuMachine().isPresent();
    }

    /** Instructions per SysTick tick under QEMU with {@link #QEMU_ICOUNT_SHIFT}. */
    public InstructionScale instructionScale() {
        return InstructionScale.of(clocks.systickHz(), QEMU_ICOUNT_SHIFT);
    }

    /**
     * The board's firmware support files, file name → content, in name order: runtime header
     * {@code pqk_board.h}, the generated {@code pqk_board_config.h}, the runtime, UART driver and
     * startup sources, and the linker script {@code pqk_board.ld}. Byte-identical on every call.
     */
    public SortedMap<String, String> firmwareFiles() {
        return BoardFirmware.files(this);
    }

    /**
     * Writes {@link #firmwareFiles()} into {@code directory} (created if needed; existing files of the
     * same names are replaced) and says which are sources, headers and the linker script.
     */
    public BoardFiles writeFirmwareFiles(Path directory) {
        return BoardFirmware.write(this, directory);
    }
}
