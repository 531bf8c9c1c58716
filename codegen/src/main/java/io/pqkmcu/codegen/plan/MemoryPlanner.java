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
 *       to the end; a kernel's scratch lives during its op only.</li>
 *   <li>In-place execution (decided by the generator per kernel, see {@code KernelSelector}): an op
 *       whose kernel can write its output over its input, and that is the input's last reader, gets no
 *       output buffer of its own - the two tensors are one buffer, as large as the larger. This is what
 *       keeps a depthwise-separable network in one activation buffer:
 *       <ul>
 *         <li>a 1x1 convolution converts a block of four input pixels into its int16 scratch before
 *             writing their outputs, and an output pixel never starts past its input pixel when
 *             C_OUT &lt;= C_IN, so it runs in place with only that small block as scratch;</li>
 *         <li>a dense depthwise convolution computes each output row into a ring of a few rows in its
 *             scratch and writes a row back once no later output row reads the input it covers (three
 *             rows' reach, one row back for a 3x3 stride-1 kernel: a ring of two rows);</li>
 *         <li>a sparse depthwise convolution copies four channels' input planes into its scratch before
 *             writing those channels' outputs; ADD and softmax work element by element.</li>
 *       </ul>
 *       Otherwise an op's input and output are both alive at its step, so they never overlap.</li>
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
 * short-lived ones could have shared. Alignment padding is not reclaimed. A graph input cannot alias
 * the caller's buffer (it is copied into the arena), which costs the input size once. In-place
 * execution trades a little copying (the depthwise ring) for a whole tensor; ops whose kernels cannot
 * run in place (general convolutions, pooling, fully connected layers) keep separate buffers.
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
