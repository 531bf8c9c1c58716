package io.pqkmcu.trainer.nn;

/**
 * How one forward pass treats the shared weights. PQK runs two branches over the same parameters:
 * the student (masked, fake-quantized int8) and the teacher (all weights, pruned ones included).
 *
 * @param useMask      multiply weights by the pruning mask
 * @param quantWeights fake-quantize (BN-folded) weights per output channel, symmetric int8
 * @param quantActs    fake-quantize activations with the observed ranges, asymmetric int8
 * @param bnSlot       which set of BatchNorm running statistics this branch uses and updates
 * @param bnFrozen     normalise with the running statistics even while training (no batch statistics,
 *                     no updates): the computation then equals the folded int8 layer exactly
 */
public record Branch(boolean useMask, boolean quantWeights, boolean quantActs, int bnSlot, boolean bnFrozen) {
    public static final int STUDENT_SLOT = 0;
    public static final int TEACHER_SLOT = 1;

    /** Dense float training (no mask, no quantization). */
    public static final Branch FLOAT = new Branch(false, false, false, STUDENT_SLOT, false);

    public static Branch student(boolean quantize, boolean bnFrozen) {
        return new Branch(true, quantize, quantize, STUDENT_SLOT, bnFrozen);
    }

    public static Branch teacher(boolean int8Weights) {
        return teacher(int8Weights, TEACHER_SLOT);
    }

    /** The teacher with its BatchNorm statistics in {@code slot} (STUDENT_SLOT: shared with the student). */
    public static Branch teacher(boolean int8Weights, int slot) {
        return new Branch(false, int8Weights, false, slot, false);
    }
}
