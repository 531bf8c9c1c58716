package io.pqkmcu.codegen.plan;

import java.util.List;

/**
 * A buffer the memory planner places: a tensor (or several tensors sharing memory because an op runs
 * in place), or a kernel's scratch, alive from step {@code firstStep} to step {@code lastStep} inclusive.
 *
 * @param name    the buffer's name (its first member's)
 * @param members every name that refers to this buffer: the tensors an in-place chain shares
 */
public record PlanBuffer(String name, int size, int firstStep, int lastStep, List<String> members) {
    public PlanBuffer {
        if (size < 0 || firstStep > lastStep) {
            throw new IllegalArgumentException("buffer " + name + ": size " + size + ", steps " + firstStep + ".." + lastStep);
        }
        members = List.copyOf(members);
        if (!members.contains(name)) {
            throw new IllegalArgumentException("buffer " + name + " must be one of its members " + members);
        }
    }

    /** A buffer with one name. */
    public PlanBuffer(String name, int size, int firstStep, int lastStep) {
        this(name, size, firstStep, lastStep, List.of(name));
    }

    boolean overlapsInTime(PlanBuffer other) {
        return firstStep <= other.lastStep && other.firstStep <= lastStep;
    }
}
