package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.fit.BoardLimits;
import io.pqkmcu.codegen.fit.ResourceUsage;
import io.pqkmcu.codegen.format.InstructionModel;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.codegen.plan.MemoryPlan;
import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.model.AveragePool2DOp;
import io.pqkmcu.model.Conv2DOp;
import io.pqkmcu.model.DepthwiseConv2DOp;
import io.pqkmcu.model.FullyConnectedOp;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.MaxPool2DOp;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.TensorSpec;

import java.util.List;
import java.util.Locale;

/** The plain-text plan.txt and report.txt of a generated project: memory plan, per-layer budget. */
final class Reports {
    private Reports() {}

    static String plan(String headerText, Int8Model model, MemoryPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(headerText).append('\n');
        sb.append("Memory plan of model '").append(CNames.commentSafe(model.name())).append("': one static arena,\n")
                .append("liveness-based greedy first-fit (largest buffer first), ").append(plan.alignment())
                .append("-byte aligned offsets.\n");
        sb.append("Steps: 0 = input ready").append(model.frontEnd() != null ? " (front end runs)" : "");
        for (int i = 0; i < model.ops().size(); i++) {
            sb.append(", ").append(i + 1).append(" = ").append(CNames.commentSafe(model.ops().get(i).name()));
        }
        sb.append("\n\n").append(plan.describe());
        return sb.toString();
    }

    static String report(String headerText, Int8Model model, String boardId, List<CompiledLayer> layers,
                         ResourceUsage use, BoardLimits limits, InstructionModel costs) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(headerText).append('\n');
        sb.append("Model '").append(CNames.commentSafe(model.name())).append("' for board '").append(boardId)
                .append("'\n\n");
        sb.append(String.format(Locale.ROOT, "%-3s %-20s %-18s %-10s %-7s %10s %10s %8s %13s %6s %10s %10s %12s  %s%n",
                "#", "layer", "kind", "output", "format", "weights B", "consts B", "scratch", "nnz/total",
                "B/nnz", "MACs", "sparse MACs", "est. instr", "kernel"));
        for (CompiledLayer l : layers) {
            Op op = l.op();
            TensorSpec out = model.tensor(op.output());
            String format = l.choice() == null ? "-" : l.sparse() ? "sparse" : "dense";
            int weights = l.choice() == null ? 0 : l.choice().weightFlashBytes();
            int consts = op.weights() == null ? 0 : ResourceEstimator.CHANNEL_QUANT_BYTES * op.weights().outputChannels();
            String nnz = "-";
            String perNnz = "-";
            String sparseMacs = "-";
            long macs = macs(model, op);
            if (l.choice() != null) {
                int total = op.weights().data().length;
                int nonZeros = op.weights().nonZeroCount();
                nnz = nonZeros + "/" + total;
                SparseTable t = l.choice().table();
                perNnz = t == null ? "-" : String.format(Locale.ROOT, "%.3f", t.bytesPerNonZero());
                sparseMacs = Long.toString(macs * nonZeros / total);
            }
            String estimate = l.choice() == null ? "-" : Long.toString(l.choice().instructions());
            sb.append(String.format(Locale.ROOT, "%-3d %-20s %-18s %-10s %-7s %10d %10d %8d %13s %6s %10d %10s %12s  %s%s%n",
                    l.index(), CNames.commentSafe(op.name()), op.kind(), out.shapeString(), format, weights, consts,
                    l.scratchBytes(), nnz, perNnz, macs, sparseMacs, estimate, l.kernel().function,
                    l.inPlace() ? " (in place)" : ""));
        }
        sb.append("\nFormat choices (instruction estimates: ").append(costs).append("):\n");
        for (CompiledLayer l : layers) {
            LayerFormatChoice c = l.choice();
            sb.append("  ").append(CNames.commentSafe(l.op().name())).append(": ")
                    .append(c == null ? "no weights" : c.reason()).append('\n');
        }
        sb.append("\nTotals:\n");
        sb.append(String.format(Locale.ROOT, "  flash: weights and tables %d B + constants %d B + code ~%d B (estimate) = %d B%n",
                use.weightBytes(), use.parameterBytes(), use.codeBytes(), use.modelFlashBytes()));
        if (use.testDataBytes() > 0) {
            sb.append(String.format(Locale.ROOT, "  test data: %d B (%s) beside the model: %d B of flash in all%n",
                    use.testDataBytes(), use.testInputs() > 0 ? use.testInputs() + " test inputs" : "stream audio",
                    use.flashBytes()));
        }
        sb.append(String.format(Locale.ROOT, "  RAM:   arena %d B + stack reserve %d B = %d B%n",
                use.arenaBytes(), use.stackReserveBytes(), use.ramBytes()));
        if (limits != null) {
            sb.append(String.format(Locale.ROOT, "  board: flash %d B (%.1f %% used by the model%s), RAM %d B (%.1f %% used)%n",
                    limits.flashBytes(), 100.0 * use.modelFlashBytes() / limits.flashBytes(),
                    use.testDataBytes() > 0 ? String.format(Locale.ROOT, ", %.1f %% with the test data",
                            100.0 * use.flashBytes() / limits.flashBytes()) : "",
                    limits.ramBytes(), 100.0 * use.ramBytes() / limits.ramBytes()));
        } else {
            sb.append("  board: none (host build), no limits checked\n");
        }
        return sb.toString();
    }

    /** Multiply-accumulates of a dense layer (window MACs at the border counted as if unpadded). */
    static long macs(Int8Model model, Op op) {
        TensorSpec in = model.tensor(op.inputs().get(0));
        TensorSpec out = model.tensor(op.output());
        long pixels = (long) out.height() * out.width();
        if (op instanceof Conv2DOp c) {
            return pixels * out.channels() * c.kernelH() * c.kernelW() * in.channels();
        }
        if (op instanceof DepthwiseConv2DOp d) {
            return pixels * out.channels() * d.kernelH() * d.kernelW();
        }
        if (op instanceof FullyConnectedOp) {
            return (long) in.size() * out.size();
        }
        if (op instanceof AveragePool2DOp p) {
            return pixels * out.channels() * p.filterH() * p.filterW();
        }
        if (op instanceof MaxPool2DOp p) {
            return pixels * out.channels() * p.filterH() * p.filterW();
        }
        return 0;
    }
}
