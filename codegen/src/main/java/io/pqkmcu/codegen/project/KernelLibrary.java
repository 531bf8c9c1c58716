package io.pqkmcu.codegen.project;

/** Which kernels run the dense layers with weights (convolutions, depthwise, fully connected). */
public enum KernelLibrary {
    /** pqk's own kernels (runtime-c-templates), copied into the project. */
    PQK,
    /**
     * ARM's CMSIS-NN (v7 API, arm_nnfunctions.h), which the user provides: the Makefile's CMSIS_NN variable
     * names its source tree. Sparse layers and ops without weights keep pqk's kernels (CMSIS-NN has no
     * sparse kernels).
     */
    CMSIS_NN
}
