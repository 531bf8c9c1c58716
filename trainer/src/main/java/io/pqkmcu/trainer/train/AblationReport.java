package io.pqkmcu.trainer.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ablation's outputs: a markdown table (mean over seeds, ± the standard deviation when there are
 * several), a CSV with one row per run, and a self-contained SVG bar chart of the int8 accuracies.
 */
public final class AblationReport {
    private AblationReport() {}

    /** Runs of one variant at one sparsity, over seeds. */
    record Group(Ablation.Variant variant, double sparsity, List<Ablation.Outcome> runs) {
        double mean(java.util.function.ToDoubleFunction<Ablation.Outcome> f) {
            return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        double sd(java.util.function.ToDoubleFunction<Ablation.Outcome> f) {
            if (runs.size() < 2) {
                return Double.NaN;
            }
            double m = mean(f);
            double s = 0;
            for (Ablation.Outcome o : runs) {
                s += (f.applyAsDouble(o) - m) * (f.applyAsDouble(o) - m);
            }
            return Math.sqrt(s / (runs.size() - 1));
        }
    }

    static List<Group> groups(List<Ablation.Outcome> outcomes) {
        Map<String, Group> g = new LinkedHashMap<>();
        for (Ablation.Outcome o : outcomes) {
            String key = o.run().variant() + "/" + o.run().sparsity();
            g.computeIfAbsent(key, k -> new Group(o.run().variant(), o.run().sparsity(), new ArrayList<>())).runs().add(o);
        }
        return new ArrayList<>(g.values());
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    private static String pctSd(Group g, java.util.function.ToDoubleFunction<Ablation.Outcome> f) {
        double m = g.mean(f);
        double sd = g.sd(f);
        if (Double.isNaN(m)) {
            return "–";
        }
        return Double.isNaN(sd) ? pct(m) : String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * m, 100 * sd);
    }

    /** The markdown table, preceded by {@code setup} (one line saying what was run). */
    public static String markdown(List<Ablation.Outcome> outcomes, String setup) {
        StringBuilder sb = new StringBuilder();
        sb.append(setup).append("\n\n");
        sb.append("| variant | target sparsity | weights pruned | float test acc. | int8 test acc. | int8 − float "
                + "| teacher | seeds | train time |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Group g : groups(outcomes)) {
            double delta = g.mean(o -> o.int8Accuracy() - o.floatAccuracy());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %s | %s | %+.2f | %s | %d | %.0f s |%n",
                    g.variant().label, g.variant().pruned ? String.format(Locale.ROOT, "%.0f %%", 100 * g.sparsity()) : "0 %",
                    100 * g.mean(Ablation.Outcome::prunedWeights), pctSd(g, Ablation.Outcome::floatAccuracy),
                    pctSd(g, Ablation.Outcome::int8Accuracy), 100 * delta, pct(g.mean(Ablation.Outcome::teacher)),
                    g.runs().size(), g.mean(Ablation.Outcome::seconds)));
        }
        return sb.toString();
    }

    public static String csv(List<Ablation.Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("variant,target_sparsity,seed,weights,pruned_fraction,float_test_accuracy,"
                + "int8_test_accuracy,teacher_test_accuracy,train_seconds\n");
        for (Ablation.Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "%s,%.4f,%d,%d,%.5f,%.5f,%.5f,%s,%.1f%n", o.run().variant().id,
                    o.run().sparsity(), o.run().seed(), o.weights(), o.prunedWeights(), o.floatAccuracy(),
                    o.int8Accuracy(), Double.isNaN(o.teacher()) ? "" : String.format(Locale.ROOT, "%.5f", o.teacher()),
                    o.seconds()));
        }
        return sb.toString();
    }

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2"};
    private static final String DENSE_COLOR = "#9c9c9c";

    /**
     * A grouped bar chart: one group per variant, one bar per sparsity (dense variants: one grey bar), bar
     * height the mean int8 test accuracy, a black tick at the float accuracy.
     */
    public static String svg(List<Ablation.Outcome> outcomes, String title) {
        List<Group> groups = groups(outcomes);
        List<Double> levels = new ArrayList<>();
        List<Ablation.Variant> variants = new ArrayList<>();
        double lo = 1;
        for (Group g : groups) {
            if (g.variant().pruned && !levels.contains(g.sparsity())) {
                levels.add(g.sparsity());
            }
            if (!variants.contains(g.variant())) {
                variants.add(g.variant());
            }
            lo = Math.min(lo, Math.min(g.mean(Ablation.Outcome::int8Accuracy), g.mean(Ablation.Outcome::floatAccuracy)));
        }
        levels.sort(Double::compare);
        // Axis from a round number below the lowest value to 100 %, so differences are visible.
        int step = 1;
        for (int s : new int[] {1, 2, 5, 10, 20}) {
            step = s;
            if ((100 - Math.max(0, Math.floor((lo * 100 - 1) / s) * s)) / s <= 8) {
                break;
            }
        }
        double axisLo = Math.max(0, Math.floor((lo * 100 - 1) / step) * step) / 100;
        int ticks = (int) Math.round((1 - axisLo) * 100 / step);
        int w = 760;
        int h = 420;
        int left = 70;
        int right = 20;
        int top = 50;
        int bottom = 90;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h, w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                left, escape(title)));
        for (int t = 0; t <= ticks; t++) {
            double v = axisLo + (1 - axisLo) * t / ticks;
            double y = top + plotH * (1 - (v - axisLo) / (1 - axisLo));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    left, y, w - right, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f %%</text>%n", left - 6,
                    y + 4, v * 100));
        }
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "int8 test accuracy</text>%n", top + plotH / 2));
        double groupW = plotW / variants.size();
        for (int vi = 0; vi < variants.size(); vi++) {
            Ablation.Variant v = variants.get(vi);
            List<Group> bars = groups.stream().filter(g -> g.variant() == v).sorted((a, b) -> Double.compare(a.sparsity(),
                    b.sparsity())).toList();
            double barW = Math.min(48, groupW * 0.8 / Math.max(1, bars.size()));
            double x0 = left + groupW * vi + (groupW - barW * bars.size()) / 2;
            for (int bi = 0; bi < bars.size(); bi++) {
                Group g = bars.get(bi);
                double int8 = g.mean(Ablation.Outcome::int8Accuracy);
                double fl = g.mean(Ablation.Outcome::floatAccuracy);
                double x = x0 + bi * barW;
                double y = yOf(int8, axisLo, top, plotH);
                String color = v.pruned ? COLORS[levels.indexOf(g.sparsity()) % COLORS.length] : DENSE_COLOR;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s %s: int8 %.2f %%, float %.2f %%</title></rect>%n", x + 2, y, barW - 4,
                        top + plotH - y, color, escape(v.label), v.pruned ? Math.round(100 * g.sparsity()) + " %" : "dense",
                        100 * int8, 100 * fl));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">"
                        + "%.1f</text>%n", x + barW / 2, y - 4, 100 * int8));
                double yf = yOf(fl, axisLo, top, plotH);
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" "
                        + "stroke-width=\"2\"/>%n", x + 2, yf, x + barW - 2, yf));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    left + groupW * (vi + 0.5), top + plotH + 18, escape(v.label)));
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n", left,
                top + plotH, w - right, top + plotH));
        // legend
        double lx = left;
        double ly = h - 30;
        sb.append(legend(lx, ly, DENSE_COLOR, "dense"));
        for (int i = 0; i < levels.size(); i++) {
            sb.append(legend(lx + 80 + 120 * i, ly, COLORS[i % COLORS.length],
                    Math.round(100 * levels.get(i)) + " % sparsity"));
        }
        double tx = lx + 80 + 120 * levels.size() + 10;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" "
                + "stroke-width=\"2\"/>%n", tx, ly - 4, tx + 14, ly - 4));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">float accuracy (fake-quant for QAT runs)</text>%n",
                tx + 20, ly));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double yOf(double v, double axisLo, double top, double plotH) {
        double c = Math.max(axisLo, Math.min(1, v));
        return top + plotH * (1 - (c - axisLo) / (1 - axisLo));
    }

    private static String legend(double x, double y, String color, String text) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x, y - 10, color, x + 16, y, escape(text));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
