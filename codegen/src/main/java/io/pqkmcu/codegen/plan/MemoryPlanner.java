package io.pqkmcu.codegen.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places tensors and kernel scratch in one static arena so that buffers alive at the same time never
 * overlap and buffers alive at different times share memory.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li>Liveness comes from the caller as step ranges (see {@code ModelBuffers}): a tensor lives from
 *       the op that produces it to its last reader, the graph input from the start, the graph output
 *       to the end; a kernel's scratch lives during its op only. An op's input and output are both
 *       alive at its step, so no op works in place.</li>
 *   <li>Buffers are sorted by size, largest first (ties: earlier first step, then name, so the plan is
 *       deterministic).</li>
 *   <li>Each buffer goes to the lowest {@value #ALIGNMENT}-byte-aligned offset where it does not overlap
 *       any already placed buffer whose live range intersects its own (first fit: the gaps between
 *       conflicting buffers are tried in offset order).</li>
 *   <li>The arena size is the highest end offset, rounded up to the alignment.</li>
 * </ol>
 *
 * <h2>Limits</h2>
 * Greedy by size is a heuristic: the optimum (a dynamic storage allocation problem, NP-hard) can be
 * smaller, for example when a small long-lived buffer lands in the middle of a region two large
 * short-lived ones could have shared. Alignment padding is not reclaimed. Ops never compute in place,
 * and a graph input cannot alias the caller's buffer (it is copied into the arena), which costs the
 * input size once. For chains of a few layers, as in KWS models, the result is usually the optimum:
 * the largest consecutive input+output pair.
 */
public final class MemoryPlanner {
    public static final int ALIGNMENT = 16;

    private MemoryPlanner() {}

    public static MemoryPlan plan(List<PlanBuffer> buffers) {
        List<PlanBuffer> order = new ArrayList<>(buffers);
        order.sort(Comparator.comparingInt(PlanBuffer::size).reversed()
                .thenComparingInt(PlanBuffer::firstStep)
                .thenComparing(PlanBuffer::name));
        List<MemoryPlan.Placement> placed = new ArrayList<>();
        int peak = 0;
        for (PlanBuffer b : order) {
            List<MemoryPlan.Placement> conflicts = new ArrayList<>();
            for (MemoryPlan.Placement p : placed) {
                if (p.buffer().overlapsInTime(b) && p.buffer().size() > 0) {
                    conflicts.add(p);
                }
            }
            conflicts.sort(Comparator.comparingInt(MemoryPlan.Placement::offset));
            int offset = 0;
            for (MemoryPlan.Placement p : conflicts) {
                if (offset + b.size() <= p.offset()) {
                    break;
                }
                offset = Math.max(offset, align(p.end()));
            }
            placed.add(new MemoryPlan.Placement(b, offset));
            peak = Math.max(peak, offset + b.size());
        }
        // Report in the caller's order, which follows the graph.
        List<MemoryPlan.Placement> inInputOrder = new ArrayList<>();
        for (PlanBuffer b : buffers) {
            for (MemoryPlan.Placement p : placed) {
                if (p.buffer() == b) {
                    inInputOrder.add(p);
                    break;
                }
            }
        }
        return new MemoryPlan(inInputOrder, align(peak), ALIGNMENT);
    }

    static int align(int n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
