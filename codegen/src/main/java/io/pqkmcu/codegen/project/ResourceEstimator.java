package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.fit.ResourceUsage;
import io.pqkmcu.model.Int8Model;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Flash and RAM a generated project needs on the device. Weights, tables and the arena are exact;
 * constants are exact up to struct padding; code is an estimate ({@link Kernel} sizes plus fixed
 * allowances below), good enough for a fit check with a margin, not a linker map.
 */
public final class ResourceEstimator {
    /** Model op sequence, invoke/classify wrappers and the test-vector main. */
    static final int BASE_CODE_BYTES = 1024;
    /** One kernel call with its status check. */
    static final int CODE_BYTES_PER_LAYER = 48;
    /** Rough size of the integer audio front end (FFT, mel, DCT) when present. */
    static final int FRONT_END_CODE_BYTES = 6144;
    /** Static parameter structs of one layer (params, quant, three dims). */
    static final int PARAM_STRUCT_BYTES_PER_LAYER = 96;
    /** A pqk_sparse_table descriptor. */
    static final int TABLE_DESCRIPTOR_BYTES = 36;
    /** One output channel's pqk_channel_quant: int32 bias, int32 multiplier, int8 shift, packed (pqk_kernels.h). */
    public static final int CHANNEL_QUANT_BYTES = 9;

    private ResourceEstimator() {}

    static ResourceUsage estimate(Int8Model model, List<CompiledLayer> layers, int arenaBytes, long testDataBytes,
                                  int testInputs, long stackReserve) {
        long weights = 0;
        long constants = 0;
        Set<Kernel> kernels = EnumSet.noneOf(Kernel.class);
        Set<Kernel.Support> support = EnumSet.noneOf(Kernel.Support.class);
        for (CompiledLayer l : layers) {
            kernels.add(l.kernel());
            support.addAll(l.kernel().support);
            constants += PARAM_STRUCT_BYTES_PER_LAYER;
            if (l.choice() != null) {
                weights += l.choice().weightFlashBytes();
                constants += (long) CHANNEL_QUANT_BYTES * l.op().weights().outputChannels();
            }
            if (l.sparse()) {
                constants += TABLE_DESCRIPTOR_BYTES;
            }
        }
        for (String label : model.labels()) {
            constants += 4 + label.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        long code = BASE_CODE_BYTES + (long) CODE_BYTES_PER_LAYER * layers.size();
        for (Kernel k : kernels) {
            code += k.estimatedCodeBytes;
        }
        for (Kernel.Support s : support) {
            code += s.estimatedCodeBytes;
        }
        if (model.frontEnd() != null) {
            code += FRONT_END_CODE_BYTES;
        }
        return new ResourceUsage(weights, constants, code, arenaBytes, stackReserve, testDataBytes, testInputs);
    }
}
