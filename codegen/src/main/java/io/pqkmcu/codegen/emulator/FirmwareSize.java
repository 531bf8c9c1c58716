package io.pqkmcu.codegen.emulator;

/**
 * Section totals of a firmware image, as {@code arm-none-eabi-size} (Berkeley format) reports them.
 *
 * @param text code, constants, the vector table and unwind tables (flash only)
 * @param data initialised variables: their initial values occupy flash, the variables RAM
 * @param bss  zero-initialised variables plus the stack reserve of the board's linker script (RAM only)
 */
public record FirmwareSize(long text, long data, long bss) {
    public FirmwareSize {
        if (text < 0 || data < 0 || bss < 0) {
            throw new IllegalArgumentException("section sizes must not be negative: " + text + "/" + data + "/" + bss);
        }
    }

    /** Bytes of flash the image needs: text + data. */
    public long flashBytes() {
        return text + data;
    }

    /** Bytes of RAM the image needs, stack reserve included: data + bss. */
    public long ramBytes() {
        return data + bss;
    }

    /**
     * Reads the output of {@code arm-none-eabi-size -B -d <one elf>}: a header line
     * ({@code text data bss dec hex filename}) and one line of numbers.
     */
    public static FirmwareSize parse(String sizeOutput) {
        String[] lines = sizeOutput.strip().split("\\R");
        if (lines.length != 2 || !lines[0].trim().startsWith("text")) {
            throw new IllegalArgumentException("unexpected arm-none-eabi-size output (want a header and one line):\n" + sizeOutput);
        }
        String[] f = lines[1].trim().split("\\s+");
        if (f.length < 3) {
            throw new IllegalArgumentException("unexpected arm-none-eabi-size line: " + lines[1]);
        }
        try {
            return new FirmwareSize(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unexpected arm-none-eabi-size line: " + lines[1], e);
        }
    }
}
