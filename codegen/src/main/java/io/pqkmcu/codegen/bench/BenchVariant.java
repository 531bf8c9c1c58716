package io.pqkmcu.codegen.bench;

/** How a benchmarked model's layers are compiled. */
public enum BenchVariant {
    /** Every layer dense int8 with pqk's kernels: the baseline. */
    DENSE("dense"),
    /** The cost model picks per layer (what `pqk generate` does by default). */
    AUTO("auto"),
    /** Every layer with weights sparse (PQKS1 tables). */
    SPARSE("sparse"),
    /** Every layer dense, the convolutions, depthwise and fully connected layers run by ARM's CMSIS-NN. */
    CMSIS_NN("cmsis-nn");

    public final String label;

    BenchVariant(String label) {
        this.label = label;
    }
}
