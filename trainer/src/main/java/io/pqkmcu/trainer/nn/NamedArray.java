package io.pqkmcu.trainer.nn;

/** A named float array, the unit of checkpointed state. */
public record NamedArray(String name, float[] values) {}
