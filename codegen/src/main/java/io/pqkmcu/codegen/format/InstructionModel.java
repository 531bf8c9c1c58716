package io.pqkmcu.codegen.format;

import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.TensorSpec;

import java.util.Locale;

/**
 * Estimated instructions per inference of a layer's kernel, dense or sparse, from per-unit costs
 * measured on QEMU ({@code -icount}) with the generated kernels: per multiply-accumulate of the dense
 * loops, per non-zero weight and pixel of the sparse loops, per output (requantization and store), per
 * input value (im2col and block conversion) and per decoded non-zero (table unpacking). The numbers
 * are fits to DS-CNN-sized layers: the MAC costs were refitted to the per-layer counts of the profiling
 * firmware (`pqk simulate`) for DS-CNN-S at 0, 50, 80 and 90 % sparsity on qemu-mps2-an386 and -an385,
 * with the other terms held fixed. The sparse convolution terms were refitted when its kernel became two
 * pixels per SMLAL with an assembly row routine (the demo model's 25x5x64 pointwise layers: 319k
 * instructions on the M4, 334k on the M3). They rank formats; they do not promise counts (a first
 * convolution with one input channel pays for its im2col gather well beyond perInputValue, for example).
 *
 * @param name             which core the costs were measured on
 * @param denseConvMac     per MAC of the dense convolution matrix-multiply kernel
 * @param denseDwMac       per MAC of the dense general depthwise kernel
 * @param denseDw3x3Mac    per MAC of the dense 3x3 depthwise kernel (its int16 planes included), fitted
 *                         to the demo model's 25x5x64 layers: 205.4k instructions on the M4, 303.3k on the M3
 *                         (the assembly column walk of stride-1, full-range layers)
 * @param denseFcMac       per MAC of the dense fully connected kernel
 * @param sparseConvMac    per non-zero weight and output pixel of the sparse convolution block kernel (10.5
 *                         instructions a weight for a block of eight pixels, the layer's part block included)
 * @param sparseDwMac      per non-zero weight and output pixel of the sparse depthwise kernel
 * @param sparseFcMac      per non-zero weight of the sparse fully connected kernel
 * @param perOutput        requantization, clamp and store of one output
 * @param sparseConvPerOutput the same in the sparse convolution's row routine
 * @param perSparseRowPass the per-row overhead of one sparse block pass (PQK_SPARSE_BLOCK = 8 pixels)
 * @param perInputValue    converting one input value to int16 (im2col column)
 * @param sparseConvPerInputValue packing one input value into the sparse convolution's block (two pixels a
 *                         word)
 * @param perDecodedNonZero unpacking one non-zero weight of a PQKS1 table (pqk_sparse_unpack)
 * @param sparseConvPerDecodedNonZero decoding one into the sparse convolution's entry list
 *                         (pqk_sparse_decode)
 */
public record InstructionModel(String name, double denseConvMac, double denseDwMac, double denseDw3x3Mac,
                               double denseFcMac,
                               double sparseConvMac, double sparseDwMac, double sparseFcMac, double perOutput,
                               double sparseConvPerOutput, double perSparseRowPass, double perInputValue,
                               double sparseConvPerInputValue, double perDecodedNonZero,
                               double sparseConvPerDecodedNonZero) {
    /** Pixels per pass of the sparse convolution kernels (PQK_SPARSE_BLOCK in pqk_nn_support.h). */
    static final int SPARSE_BLOCK = 8;

    /** Cortex-M4 and other cores with the DSP extension (SMLAD paths). */
    public static final InstructionModel DSP = new InstructionModel("Cortex-M4 (DSP)", 1.5, 5.1, 1.74, 2.8, 1.35, 7.5,
            7.0, 10, 6.5, 58, 1.5, 2.9, 42, 56);
    /** Cortex-M3 and other cores without it (plain C paths). */
    public static final InstructionModel PLAIN = new InstructionModel("Cortex-M3 (no DSP)", 2.8, 6.7, 2.88, 4.8, 1.35,
            6.5, 7.0, 12, 8.5, 55, 2.5, 3.3, 42, 56);

    public static InstructionModel forCore(boolean dsp) {
        return dsp ? DSP : PLAIN;
    }

    /** Estimated instructions of the dense kernel for op. */
    public long dense(Op op, TensorSpec in, TensorSpec out) {
        long outputs = out.size();
        long pixels = (long) out.height() * out.width();
        if (op instanceof Conv2DOp c) {
            long k = (long) c.kernelH() * c.kernelW() * in.channels();
            return Math.round(pixels * k * out.channels() * denseConvMac + outputs * perOutput + pixels * k * perInputValue);
        }
        if (op instanceof DepthwiseConv2DOp d) {
            boolean threeByThree = d.kernelH() == 3 && d.kernelW() == 3 && d.dilationH() == 1 && d.dilationW() == 1
                    && d.padding().top() <= 1 && d.padding().left() <= 1; // KernelSelector's 3x3 case
            return Math.round(outputs * d.kernelH() * d.kernelW() * (threeByThree ? denseDw3x3Mac : denseDwMac)
                    + outputs * perOutput);
        }
        if (op instanceof FullyConnectedOp) {
            return Math.round((double) in.size() * out.size() * denseFcMac + outputs * perOutput);
        }
        return 0;
    }

    /** Estimated instructions of the sparse kernel for op with nnz non-zero weights. */
    public long sparse(Op op, TensorSpec in, TensorSpec out, int nnz) {
        long outputs = out.size();
        long pixels = (long) out.height() * out.width();
        double decode = nnz * perDecodedNonZero;
        if (op instanceof Conv2DOp c) {
            long k = (long) c.kernelH() * c.kernelW() * in.channels();
            long passes = (pixels + SPARSE_BLOCK - 1) / SPARSE_BLOCK;
            return Math.round(pixels * nnz * sparseConvMac + passes * out.channels() * perSparseRowPass
                    + outputs * sparseConvPerOutput + pixels * k * sparseConvPerInputValue
                    + nnz * sparseConvPerDecodedNonZero);
        }
        if (op instanceof DepthwiseConv2DOp) {
            return Math.round(pixels * nnz * sparseDwMac + outputs * perOutput + (double) in.size() * perInputValue
                    + decode);
        }
        if (op instanceof FullyConnectedOp) {
            return Math.round(nnz * sparseFcMac + outputs * perOutput + decode);
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s cost model", name);
    }
}
