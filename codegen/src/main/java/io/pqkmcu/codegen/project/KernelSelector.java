package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.model.AddOp;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.SoftmaxOp;
import io.pqkmcu.model.TensorSpec;

/**
 * Which kernel runs an op (CMSIS-NN's wrapper logic, decided here once instead of at run time, so only
 * the kernels in use are copied into the project), how much scratch it needs (the Java twins of the C
 * ..._get_buffer_size functions: they must agree byte for byte, or the kernel returns PQK_ERROR_SIZE),
 * and whether it can run in place.
 */
public final class KernelSelector {
    private KernelSelector() {}

    /** The kernel for {@code op} in the given storage format and library (CMSIS-NN runs dense layers only). */
    public static Kernel kernelFor(Op op, boolean sparse, KernelLibrary library) {
        if (library == KernelLibrary.CMSIS_NN && !sparse) {
            if (op instanceof Conv2DOp) {
                return Kernel.CMSIS_CONVOLVE;
            }
            if (op instanceof DepthwiseConv2DOp) {
                return Kernel.CMSIS_DEPTHWISE_CONV;
            }
            if (op instanceof FullyConnectedOp) {
                return Kernel.CMSIS_FULLY_CONNECTED;
            }
        }
        return kernelFor(op, sparse);
    }

    /** pqk's kernel for {@code op} in the given storage format. */
    public static Kernel kernelFor(Op op, boolean sparse) {
        if (op instanceof Conv2DOp c) {
            boolean oneByOne = c.kernelH() == 1 && c.kernelW() == 1 && c.padding().top() == 0
                    && c.padding().left() == 0;
            if (sparse) {
                return oneByOne ? Kernel.CONVOLVE_1X1_SPARSE : Kernel.CONVOLVE_SPARSE;
            }
            if (oneByOne) {
                return Kernel.CONVOLVE_1X1;
            }
            return c.kernelH() == 1 && c.dilationW() == 1 ? Kernel.CONVOLVE_1_X_N : Kernel.CONVOLVE;
        }
        if (op instanceof DepthwiseConv2DOp d) {
            if (sparse) {
                return Kernel.DEPTHWISE_CONV_SPARSE;
            }
            boolean threeByThree = d.kernelH() == 3 && d.kernelW() == 3 && d.dilationH() == 1 && d.dilationW() == 1
                    && d.padding().top() <= 1 && d.padding().left() <= 1;
            return threeByThree ? Kernel.DEPTHWISE_CONV_3X3 : Kernel.DEPTHWISE_CONV;
        }
        if (op instanceof FullyConnectedOp) {
            return sparse ? Kernel.FULLY_CONNECTED_SPARSE : Kernel.FULLY_CONNECTED;
        }
        if (op instanceof AveragePool2DOp) {
            return Kernel.AVGPOOL;
        }
        if (op instanceof MaxPool2DOp) {
            return Kernel.MAX_POOL;
        }
        if (op instanceof AddOp) {
            return Kernel.ELEMENTWISE_ADD;
        }
        if (op instanceof SoftmaxOp) {
            return Kernel.SOFTMAX;
        }
        throw new UnsupportedModelException("layer '" + op.name() + "': operation " + op.kind()
                + " is not supported by the code generator");
    }

    /**
     * Whether the kernel may write its output over its (first) input, given the shapes: the
     * conditions each kernel's header comment states.
     */
    public static boolean canRunInPlace(Kernel k, Op op, TensorSpec in, TensorSpec out) {
        switch (k) {
            case CONVOLVE_1X1:
            case CONVOLVE_1X1_SPARSE:
                return out.channels() <= in.channels();
            case DEPTHWISE_CONV: {
                DepthwiseConv2DOp d = (DepthwiseConv2DOp) op;
                int rows = depthwiseInPlaceRows(d, in, out);
                return rows > 0 && (long) rows * out.width() * out.channels() < out.size();
            }
            case DEPTHWISE_CONV_3X3:
            case DEPTHWISE_CONV_SPARSE:
            case ELEMENTWISE_ADD:
            case SOFTMAX:
                return true;
            default:
                return false;
        }
    }

    /**
     * Twin of pqk_depthwise_conv_in_place_rows: the ring rows an in-place depthwise convolution keeps
     * (output row oy is written back once no later row reads the input bytes it covers).
     */
    static int depthwiseInPlaceRows(DepthwiseConv2DOp d, TensorSpec in, TensorSpec out) {
        int inRow = in.width() * in.channels();
        int outRow = out.width() * out.channels();
        if (in.channels() != out.channels()) {
            return 0;
        }
        int rows = 1;
        for (int oy = 0; oy + 1 < out.height(); oy++) {
            int first = (oy + 1) * d.strideH() - d.padding().top();
            int deadBytes = Math.max(first, 0) * inRow;
            rows = Math.max(rows, oy + 2 - deadBytes / outRow);
        }
        return Math.min(rows, out.height());
    }

    /** Scratch bytes of the kernel (table: the layer's sparse table, or null when dense). */
    public static int scratchBytes(Kernel k, Op op, TensorSpec in, TensorSpec out, SparseTable table, boolean inPlace) {
        switch (k) {
            case CONVOLVE: {
                Conv2DOp c = (Conv2DOp) op;
                int kk = c.kernelH() * c.kernelW() * in.channels();
                return columnBlockBytes(kk) + align8(kk);
            }
            case CONVOLVE_1X1:
                return columnBlockBytes(in.channels());
            case CONVOLVE_1_X_N: {
                int kk = ((Conv2DOp) op).kernelW() * in.channels();
                return columnBlockBytes(kk) + align8(kk);
            }
            case DEPTHWISE_CONV:
                return inPlace ? depthwiseInPlaceRows((DepthwiseConv2DOp) op, in, out) * out.width() * out.channels() : 0;
            case DEPTHWISE_CONV_3X3: {
                // pqk_depthwise_conv_3x3_s8_get_buffer_size: the int16 planes (with their zero border) of
                // four channels, or of one when there are fewer
                DepthwiseConv2DOp d = (DepthwiseConv2DOp) op;
                int planeH = Math.max((out.height() - 1) * d.strideH() + 3, d.padding().top() + in.height());
                int planeW = Math.max((out.width() - 1) * d.strideW() + 3, d.padding().left() + in.width());
                return (in.channels() >= 4 ? 4 : 1) * align8(2 * planeH * planeW + 4);
            }
            case CONVOLVE_SPARSE: {
                Conv2DOp c = (Conv2DOp) op;
                int kk = c.kernelH() * c.kernelW() * in.channels();
                return decodedBytes(table) + sparseBlockBytes(kk) + SPARSE_BLOCK * align4(kk);
            }
            case CONVOLVE_1X1_SPARSE:
                return decodedBytes(table) + sparseBlockBytes(in.channels());
            case DEPTHWISE_CONV_SPARSE: {
                DepthwiseConv2DOp d = (DepthwiseConv2DOp) op;
                int needH = (out.height() - 1) * d.strideH() + (d.kernelH() - 1) * d.dilationH() + 1;
                int needW = (out.width() - 1) * d.strideW() + (d.kernelW() - 1) * d.dilationW() + 1;
                int planeH = Math.max(needH, d.padding().top() + in.height());
                int planeW = Math.max(needW, d.padding().left() + in.width());
                return entriesBytes(table) + 4 * planeH * planeW + 8 * Math.max(table.maxRowNonZeros(), 1);
            }
            case FULLY_CONNECTED_SPARSE:
                return entriesBytes(table);
            case CMSIS_CONVOLVE: {
                Conv2DOp c = (Conv2DOp) op;
                return cmsisConvScratch(c.kernelH() * c.kernelW() * in.channels());
            }
            case CMSIS_DEPTHWISE_CONV: {
                DepthwiseConv2DOp d = (DepthwiseConv2DOp) op;
                int taps = d.kernelH() * d.kernelW();
                // arm_depthwise_conv_s8_opt: C * taps int16 (DSP) or 4 * 124 * taps (MVE); the MVE
                // one-input-channel case runs as a convolution plus a transposed filter copy
                return Math.max(Math.max(2 * in.channels() * taps, 4 * 124 * taps),
                        cmsisConvScratch(taps) + taps * out.channels());
            }
            case CMSIS_FULLY_CONNECTED:
                return 4 * out.size(); // the MVE kernel sums (arm_vector_sum_s8), none on other cores
            default:
                return 0;
        }
    }

    /**
     * An upper bound of CMSIS-NN v7's arm_convolve_wrapper_s8_get_buffer_size over its plain, DSP and MVE
     * builds for K weights per output channel: two int16 im2col columns of K rounded up to 4, or four
     * int8 columns of K rounded up to 16. The generated code checks CMSIS-NN's own answer against it.
     */
    static int cmsisConvScratch(int k) {
        return Math.max(4 * align4(k), 64 * ((k + 15) / 16));
    }

    /** pqk_column_block_bytes: four int16 columns of k values, k rounded up to 4. */
    static int columnBlockBytes(int k) {
        return 2 * 4 * align4(k);
    }

    /** PQK_SPARSE_BLOCK: pixels per pass of the sparse convolution kernels. */
    static final int SPARSE_BLOCK = 8;

    /** pqk_sparse_block_bytes: SPARSE_BLOCK int16 pixels per input. */
    static int sparseBlockBytes(int k) {
        return 2 * SPARSE_BLOCK * Math.max(k, 1);
    }

    /**
     * pqk_sparse_entries_bytes: the int16 row counts, one index per non-zero (uint8 for rows of at most 256
     * positions, else uint16) and the int8 weights, rounded up to 8.
     */
    public static int entriesBytes(SparseTable t) {
        return align8(2 * t.rows() + t.nonZeros() * (t.cols() <= 256 ? 1 : 2) + t.nonZeros());
    }

    /** PQK_SPARSE_PAIR_RUN: weights per run of a row in the sparse convolutions' decoded list. */
    static final int SPARSE_PAIR_RUN = 129;

    /**
     * pqk_sparse_decoded_bytes, the sparse convolutions' decoded table: one entry per non-zero, one per row
     * end and one per run end (at most one in SPARSE_PAIR_RUN non-zeros), 2 bytes each for rows of at most
     * 256 positions, else 3; rounded up to 8. It also holds the entriesBytes arrays (the cores without the
     * pairs path).
     */
    public static int decodedBytes(SparseTable t) {
        int nnz = t.nonZeros();
        return align8((t.cols() <= 256 ? 2 : 3) * (nnz + t.rows() + nnz / SPARSE_PAIR_RUN));
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }
}
