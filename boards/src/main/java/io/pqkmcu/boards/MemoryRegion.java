package io.pqkmcu.boards;

/** A range of the 32-bit address space: {@code [base, base + size)}. */
public record MemoryRegion(long base, long size) {
    public MemoryRegion {
        if (base < 0 || size <= 0 || base + size > 0x1_0000_0000L) {
            throw new IllegalArgumentException(String.format(
                    "memory region base 0x%X size 0x%X does not fit the 32-bit address space", base, size));
        }
    }

    /** First address after the region. */
    public long end() {
        return base + size;
    }

    public boolean overlaps(MemoryRegion other) {
        return base < other.end() && other.base < end();
    }

    @Override
    public String toString() {
        return String.format("0x%08X+0x%X", base, size);
    }
}
