package io.pqkmcu.codegen.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of `pqk bench firmware` as an aligned text table and as CSV. Ratios compare each row with
 * the dense pqk row of the same model and board (measured in the same run): instructions per
 * inference, and model flash (weights + index data; per-channel parameters and code are separate
 * columns).
 */
public final class BenchTable {
    private static final String[] HEADER = {"model", "sparsity", "board", "kernels", "sparse layers", "weights B",
            "index B", "model flash B", "B/nnz", "table B/nnz", "per-channel B", "kernel code B", "arena B", "RAM B",
            "firmware flash B", "instructions", "instr. vs dense", "flash vs dense", "front end instr./frame",
            "stream hop instr.", "bit-exact"};

    private BenchTable() {}

    /** The dense pqk result of the same model and board, or null. */
    static BenchResult baseline(List<BenchResult> all, BenchResult r) {
        for (BenchResult b : all) {
            if (b.variant() == BenchVariant.DENSE && b.model().equals(r.model()) && b.board().equals(r.board())) {
                return b;
            }
        }
        return null;
    }

    private static List<String[]> rows(List<BenchResult> results) {
        List<String[]> rows = new ArrayList<>();
        for (BenchResult r : results) {
            BenchResult base = baseline(results, r);
            String instrRatio = base == null || base.instructions() == 0 ? "-"
                    : String.format(Locale.ROOT, "%.3f", (double) r.instructions() / base.instructions());
            String flashRatio = base == null || base.modelFlashBytes() == 0 ? "-"
                    : String.format(Locale.ROOT, "%.3f", (double) r.modelFlashBytes() / base.modelFlashBytes());
            rows.add(new String[] {r.model(), String.format(Locale.ROOT, "%.0f %%", 100 * r.sparsity()), r.board(),
                    r.variant().label, r.sparseLayers() + "/" + r.layersWithWeights(), Long.toString(r.weightBytes()),
                    Long.toString(r.indexBytes()), Long.toString(r.modelFlashBytes()),
                    String.format(Locale.ROOT, "%.3f", r.bytesPerNonZero()),
                    r.tableNonZeros() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", r.tableBytesPerNonZero()),
                    Long.toString(r.channelBytes()),
                    Long.toString(r.codeBytes()), Long.toString(r.arenaBytes()), Long.toString(r.ramBytes()),
                    Long.toString(r.firmwareFlashBytes()), Long.toString(r.instructions()), instrRatio, flashRatio,
                    measured(r.frontEndInstructionsPerFrame()), measured(r.streamHopInstructions()),
                    r.bitExact() ? "yes" : "NO"});
        }
        return rows;
    }

    private static String measured(long v) {
        return v == 0 ? "-" : Long.toString(v);
    }

    /** A Markdown table (readable as plain text too). */
    public static String text(List<BenchResult> results) {
        List<String[]> rows = rows(results);
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, HEADER, width);
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        sb.append(rule).append('\n');
        for (String[] row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(String.format(Locale.ROOT, i <= 3 ? "%-" + width[i] + "s" : "%" + width[i] + "s",
                    cells[i])).append(" |");
        }
        sb.append('\n');
    }

    /** The same table as CSV (plain numbers, sparsity as a fraction). */
    public static String csv(List<BenchResult> results) {
        StringBuilder sb = new StringBuilder("model,sparsity,board,kernels,sparse_layers,layers_with_weights,weight_bytes,"
                + "index_bytes,model_flash_bytes,bytes_per_nonzero,table_bytes_per_nonzero,per_channel_bytes,kernel_code_bytes,arena_bytes,"
                + "ram_bytes,firmware_flash_bytes,instructions,instructions_vs_dense,model_flash_vs_dense,"
                + "frontend_instr_per_frame,stream_hop_instr,bit_exact\n");
        for (BenchResult r : results) {
            BenchResult base = baseline(results, r);
            sb.append(String.join(",", r.model(), String.format(Locale.ROOT, "%.4f", r.sparsity()), r.board(),
                    r.variant().label, Integer.toString(r.sparseLayers()), Integer.toString(r.layersWithWeights()),
                    Long.toString(r.weightBytes()), Long.toString(r.indexBytes()), Long.toString(r.modelFlashBytes()),
                    String.format(Locale.ROOT, "%.4f", r.bytesPerNonZero()),
                    r.tableNonZeros() == 0 ? "" : String.format(Locale.ROOT, "%.4f", r.tableBytesPerNonZero()),
                    Long.toString(r.channelBytes()),
                    Long.toString(r.codeBytes()), Long.toString(r.arenaBytes()), Long.toString(r.ramBytes()),
                    Long.toString(r.firmwareFlashBytes()), Long.toString(r.instructions()),
                    base == null ? "" : String.format(Locale.ROOT, "%.4f", (double) r.instructions() / base.instructions()),
                    base == null || base.modelFlashBytes() == 0 ? ""
                            : String.format(Locale.ROOT, "%.4f", (double) r.modelFlashBytes() / base.modelFlashBytes()),
                    r.frontEndInstructionsPerFrame() == 0 ? "" : Long.toString(r.frontEndInstructionsPerFrame()),
                    r.streamHopInstructions() == 0 ? "" : Long.toString(r.streamHopInstructions()),
                    Boolean.toString(r.bitExact()))).append('\n');
        }
        return sb.toString();
    }
}
