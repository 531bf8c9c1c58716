package io.pqkmcu.codegen.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The planner's result: every buffer's offset in one static arena, and the arena size (the peak,
 * rounded up to the alignment).
 */
public record MemoryPlan(List<Placement> placements, int arenaSize, int alignment) {
    /** One buffer and its offset in the arena. */
    public record Placement(PlanBuffer buffer, int offset) {
        public int end() {
            return offset + buffer.size();
        }
    }

    public MemoryPlan {
        placements = List.copyOf(placements);
    }

    /** The offset of the named buffer (or of the buffer it shares as an in-place member); throws when not planned. */
    public int offsetOf(String name) {
        for (Placement p : placements) {
            if (p.buffer().members().contains(name)) {
                return p.offset();
            }
        }
        throw new IllegalArgumentException("no buffer named " + name + " in the memory plan");
    }

    /** Sum of all buffer sizes: the arena a planner without reuse would need. */
    public long unsharedBytes() {
        long n = 0;
        for (Placement p : placements) {
            n += p.buffer().size();
        }
        return n;
    }

    /** The plan as a table, in arena order: buffer, bytes, offset, live range; then the peak. */
    public String describe() {
        List<Placement> sorted = new ArrayList<>(placements);
        sorted.sort(Comparator.comparingInt(Placement::offset).thenComparing(p -> p.buffer().name()));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-32s %8s %8s %8s  %s%n", "buffer", "bytes", "offset", "end", "live steps"));
        for (Placement p : sorted) {
            PlanBuffer b = p.buffer();
            sb.append(String.format(Locale.ROOT, "%-32s %8d %8d %8d  %d..%d%n", b.name(), b.size(), p.offset(), p.end(),
                    b.firstStep(), b.lastStep()));
            for (String m : b.members()) {
                if (!m.equals(b.name())) {
                    sb.append(String.format(Locale.ROOT, "  = %-28s (computed in place)%n", m));
                }
            }
        }
        long unshared = unsharedBytes();
        sb.append(String.format(Locale.ROOT, "peak (arena size): %d bytes, %d-byte aligned; without reuse: %d bytes%n",
                arenaSize, alignment, unshared));
        return sb.toString();
    }
}
