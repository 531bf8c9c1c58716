package io.pqkmcu.codegen.plan;

/**
 * A buffer the memory planner places: a tensor or a kernel's scratch, alive from step
 * {@code firstStep} to step {@code lastStep} inclusive.
 */
public record PlanBuffer(String name, int size, int firstStep, int lastStep) {
    public PlanBuffer {
        if (size < 0 || firstStep > lastStep) {
            throw new IllegalArgumentException("buffer " + name + ": size " + size + ", steps " + firstStep + ".." + lastStep);
        }
    }

    boolean overlapsInTime(PlanBuffer other) {
        return firstStep <= other.lastStep && other.firstStep <= lastStep;
    }
}
