package io.pqkmcu.codegen.project;

import java.util.List;

/**
 * The runtime kernels a generated project may include, with their C sources and an estimate of their
 * code size. Estimates are the .text size of the plain-C kernels built with arm-none-eabi-gcc 12.2
 * -O2 -mcpu=cortex-m4 -mthumb, rounded up; they feed the board fit check, not a guarantee.
 */
public enum Kernel {
    CONVOLVE("pqk_convolve_s8", 1024, false),
    CONVOLVE_SPARSE("pqk_convolve_sparse_s8", 1344, true),
    DEPTHWISE_CONV("pqk_depthwise_conv_s8", 1024, false),
    DEPTHWISE_CONV_SPARSE("pqk_depthwise_conv_sparse_s8", 1344, true),
    FULLY_CONNECTED("pqk_fully_connected_s8", 576, false),
    FULLY_CONNECTED_SPARSE("pqk_fully_connected_sparse_s8", 704, true),
    AVGPOOL("pqk_avgpool_s8", 512, false);

    /** The PQKS1 decoder every sparse kernel links. */
    public static final String SPARSE_DECODER_SOURCE = "pqk_sparse_decode.c";
    public static final int SPARSE_DECODER_CODE_BYTES = 448;
    /** Runtime headers copied to include/ (public) and src/kernels/ (internal). */
    public static final List<String> PUBLIC_HEADERS = List.of("pqk_common.h", "pqk_kernels.h");
    public static final List<String> INTERNAL_HEADERS = List.of("pqk_kernel_util.h", "pqk_sparse_rows.h");

    /** The C function, also the base name of its source file. */
    public final String function;
    public final int estimatedCodeBytes;
    public final boolean sparse;

    Kernel(String function, int estimatedCodeBytes, boolean sparse) {
        this.function = function;
        this.estimatedCodeBytes = estimatedCodeBytes;
        this.sparse = sparse;
    }

    public String sourceFile() {
        return function + ".c";
    }
}
