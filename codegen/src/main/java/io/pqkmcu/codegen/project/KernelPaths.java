package io.pqkmcu.codegen.project;

import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.List;

/**
 * Which specialised paths of the runtime kernels a model can take, as the -D flags its Makefile compiles
 * with (host and firmware), so that the copies no layer runs cost no flash:
 * <ul>
 *   <li>{@code PQK_REQUANT_MODES} (pqk_kernel_util.h): the requantization modes of the model's pqk layers
 *   (pqk_requant_mode's answer for each, {@link LayerViews#requantMode}); a kernel refuses a layer whose
 *   mode is not compiled, so the two must agree;</li>
 *   <li>{@code PQK_SPARSE_WIDE_INDEX=0} (pqk_nn_support.h) when no sparse table has rows of more than 256
 *   positions (uint16 decoded indexes);</li>
 *   <li>{@code PQK_SPARSE_LONG_ROWS=0} (pqk_nn_support.h) when no sparse convolution's table has a row of
 *   more than {@link KernelSelector#SPARSE_PAIR_RUN} non-zeros (the runs of the decoded list); with the
 *   full-range mode only and no wide indexes, the C loops of pqk_nn_sparse_block_s16 are then not
 *   compiled on Thumb-2 cores (the assembly routine takes every layer);</li>
 *   <li>{@code PQK_FRONTEND_FFT_KINDS} (pqk_frontend.c) when the model has a front end: the bit of its FFT
 *   kind only, so the other FFT's code is not compiled.</li>
 * </ul>
 * The kernels default to every path, so sources compiled without the flags (the runtime's own tests)
 * are unchanged.
 */
public final class KernelPaths {
    private KernelPaths() {}

    /** The flags for these layers and front end ({@code null}: the model has none). */
    public static String defines(List<CompiledLayer> layers, FrontEndConfig frontEnd) {
        int modes = 0;
        boolean wide = false;
        boolean longRows = false;
        for (CompiledLayer l : layers) {
            Op op = l.op();
            if (op.weights() == null || l.kernel().external()) {
                continue;
            }
            modes |= 1 << LayerViews.requantMode(op, actMin(op), actMax(op));
            if (l.sparse() && l.choice().table().cols() > 256) {
                wide = true;
            }
            if (l.sparse() && (l.kernel() == Kernel.CONVOLVE_SPARSE || l.kernel() == Kernel.CONVOLVE_1X1_SPARSE)
                    && l.choice().table().maxRowNonZeros() > KernelSelector.SPARSE_PAIR_RUN) {
                longRows = true;
            }
        }
        if (modes == 0) {
            modes = 1 << LayerViews.REQUANT_GENERAL; // no layer requantizes: any one mode, the smallest code
        }
        return "-DPQK_REQUANT_MODES=" + modes + (wide ? "" : " -DPQK_SPARSE_WIDE_INDEX=0")
                + (longRows ? "" : " -DPQK_SPARSE_LONG_ROWS=0")
                + (frontEnd == null ? "" : " -DPQK_FRONTEND_FFT_KINDS=" + (1 << fftKindValue(frontEnd.fft())));
    }

    /** pqk_frontend_fft_kind's value of a kind (pqk_frontend.h). */
    private static int fftKindValue(FrontEndConfig.FftKind kind) {
        return switch (kind) {
            case COMPLEX -> 0;
            case REAL -> 1;
        };
    }

    private static int actMin(Op op) {
        if (op instanceof Conv2DOp c) {
            return c.actMin();
        }
        if (op instanceof DepthwiseConv2DOp d) {
            return d.actMin();
        }
        return ((FullyConnectedOp) op).actMin();
    }

    private static int actMax(Op op) {
        if (op instanceof Conv2DOp c) {
            return c.actMax();
        }
        if (op instanceof DepthwiseConv2DOp d) {
            return d.actMax();
        }
        return ((FullyConnectedOp) op).actMax();
    }
}
