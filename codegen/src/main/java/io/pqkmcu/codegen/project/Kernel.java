package io.pqkmcu.codegen.project;

import java.util.List;

/**
 * The runtime kernels a generated project may include: the C function (also its source file's base
 * name), the shared support sources it calls, whether it reads PQKS1 tables, and the kernels' template
 * family in model.c. Code sizes are the .text of each source built with arm-none-eabi-gcc 12.2 -O2
 * -mcpu=cortex-m4 -mthumb (DSP paths included), rounded up; they feed the board fit check and the
 * reports, the linker map is the authority.
 */
public enum Kernel {
    CONVOLVE("pqk_convolve_s8", 1008, false, Family.CONV, Support.MAT_MULT, Support.COLUMN),
    CONVOLVE_1X1("pqk_convolve_1x1_s8", 640, false, Family.CONV, Support.MAT_MULT, Support.COLUMN),
    CONVOLVE_1_X_N("pqk_convolve_1_x_n_s8", 768, false, Family.CONV, Support.MAT_MULT, Support.COLUMN),
    DEPTHWISE_CONV("pqk_depthwise_conv_s8", 4480, false, Family.CONV, Support.DEPTHWISE_SIZES),
    DEPTHWISE_CONV_3X3("pqk_depthwise_conv_3x3_s8", 1984, false, Family.CONV),
    FULLY_CONNECTED("pqk_fully_connected_s8", 912, false, Family.FC),
    AVGPOOL("pqk_avgpool_s8", 784, false, Family.POOL),
    MAX_POOL("pqk_max_pool_s8", 672, false, Family.POOL),
    ELEMENTWISE_ADD("pqk_elementwise_add_s8", 912, false, Family.ADD),
    SOFTMAX("pqk_softmax_s8", 1392, false, Family.SOFTMAX),
    CONVOLVE_SPARSE("pqk_convolve_sparse_s8", 1136, true, Family.CONV, Support.UNPACK, Support.SPARSE_BLOCK,
            Support.BLOCK_FILL),
    CONVOLVE_1X1_SPARSE("pqk_convolve_1x1_sparse_s8", 712, true, Family.CONV, Support.UNPACK, Support.SPARSE_BLOCK,
            Support.BLOCK_FILL),
    DEPTHWISE_CONV_SPARSE("pqk_depthwise_conv_sparse_s8", 4384, true, Family.CONV, Support.UNPACK),
    FULLY_CONNECTED_SPARSE("pqk_fully_connected_sparse_s8", 816, true, Family.FC, Support.UNPACK),
    /** ARM CMSIS-NN (--kernels cmsis-nn): provided by the user's CMSIS-NN tree, not copied; code size unknown here. */
    CMSIS_CONVOLVE("arm_convolve_wrapper_s8", 0, false, Family.CMSIS_CONV),
    CMSIS_DEPTHWISE_CONV("arm_depthwise_conv_wrapper_s8", 0, false, Family.CMSIS_DW),
    CMSIS_FULLY_CONNECTED("arm_fully_connected_per_channel_s8", 0, false, Family.CMSIS_FC);

    /** How model.c calls a kernel: the op template that lays out its parameters and call. */
    public enum Family { CONV, FC, POOL, ADD, SOFTMAX, CMSIS_CONV, CMSIS_DW, CMSIS_FC }

    /** Support functions kernels share (CMSIS-NN's NNSupportFunctions), one source file each. */
    public enum Support {
        MAT_MULT("pqk_nn_mat_mult_s8_s16", 2160),
        COLUMN("pqk_s8_to_s16_column", 144),
        UNPACK("pqk_sparse_unpack", 896),
        SPARSE_BLOCK("pqk_nn_sparse_block_s16", 3328),
        BLOCK_FILL("pqk_s8_to_block_s16", 336),
        DEPTHWISE_SIZES("pqk_depthwise_conv_get_buffer_sizes", 128);

        public final String function;
        public final int estimatedCodeBytes;

        Support(String function, int estimatedCodeBytes) {
            this.function = function;
            this.estimatedCodeBytes = estimatedCodeBytes;
        }

        public String sourceFile() {
            return function + ".c";
        }
    }

    /** Runtime headers copied to include/ (public) and src/kernels/ (internal). */
    public static final List<String> PUBLIC_HEADERS = List.of("pqk_common.h", "pqk_kernels.h");
    public static final List<String> INTERNAL_HEADERS = List.of("pqk_kernel_util.h", "pqk_nn_support.h",
            "pqk_depthwise_util.h");

    /** The C function, also the base name of its source file. */
    public final String function;
    public final int estimatedCodeBytes;
    public final boolean sparse;
    public final Family family;
    public final List<Support> support;

    Kernel(String function, int estimatedCodeBytes, boolean sparse, Family family, Support... support) {
        this.function = function;
        this.estimatedCodeBytes = estimatedCodeBytes;
        this.sparse = sparse;
        this.family = family;
        this.support = List.of(support);
    }

    public String sourceFile() {
        return function + ".c";
    }

    /** A CMSIS-NN function: the project calls it but does not carry its source. */
    public boolean external() {
        return family == Family.CMSIS_CONV || family == Family.CMSIS_DW || family == Family.CMSIS_FC;
    }
}
