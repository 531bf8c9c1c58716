package io.pqkmcu.trainer.train;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ablation's outputs: a markdown table (mean over seeds, ± the standard deviation when there are
 * several), the paired difference PQK − (pruning + QAT) per sparsity with its 95 % confidence interval,
 * a CSV with one row per run, and a self-contained SVG chart of both.
 */
public final class AblationReport {
    private AblationReport() {}

    /**
     * PQK − (pruning + QAT) at one sparsity over the seeds both variants ran: the runs of one seed share
     * initialisation, batch order and phase 1, so pairing them removes the seed-to-seed spread from the
     * comparison. {@code lo}/{@code hi} bound the 95 % confidence interval of the mean difference (paired
     * t: mean ± t(0.975, n − 1)·sd/√n), {@code p} is the two-sided paired t-test; NaN with fewer than two
     * pairs (and for p also when every difference is the same).
     */
    public record Paired(double sparsity, int pairs, double mean, double lo, double hi, double p) {}

    /** The paired differences of {@code metric}, one per sparsity at which both variants ran. */
    public static List<Paired> paired(List<Ablation.Outcome> outcomes,
                                      java.util.function.ToDoubleFunction<Ablation.Outcome> metric) {
        java.util.TreeMap<Double, java.util.TreeMap<Long, double[]>> bySparsity = new java.util.TreeMap<>();
        for (Ablation.Outcome o : outcomes) {
            int slot = o.run().variant() == Ablation.Variant.PQK ? 0 : o.run().variant() == Ablation.Variant.PRUNE_QAT ? 1 : -1;
            if (slot >= 0) {
                bySparsity.computeIfAbsent(o.run().sparsity(), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(o.run().seed(), k -> new double[] {Double.NaN, Double.NaN})[slot] =
                        metric.applyAsDouble(o);
            }
        }
        List<Paired> result = new ArrayList<>();
        bySparsity.forEach((sparsity, seeds) -> {
            List<double[]> pairs = seeds.values().stream().filter(v -> !Double.isNaN(v[0]) && !Double.isNaN(v[1])).toList();
            if (pairs.isEmpty()) {
                return;
            }
            double[] a = pairs.stream().mapToDouble(v -> v[0]).toArray();
            double[] b = pairs.stream().mapToDouble(v -> v[1]).toArray();
            int n = a.length;
            double mean = StatUtils.meanDifference(a, b);
            double lo = Double.NaN;
            double hi = Double.NaN;
            double p = Double.NaN;
            if (n >= 2) {
                double se = Math.sqrt(StatUtils.varianceDifference(a, b, mean) / n);
                double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
                lo = mean - t * se;
                hi = mean + t * se;
                if (se > 0) {
                    p = new TTest().pairedTTest(a, b);
                }
            }
            result.add(new Paired(sparsity, n, mean, lo, hi, p));
        });
        return result;
    }

    /** Runs of one variant at one sparsity, over seeds. */
    record Group(Ablation.Variant variant, double sparsity, List<Ablation.Outcome> runs) {
        double mean(java.util.function.ToDoubleFunction<Ablation.Outcome> f) {
            return runs.isEmpty() ? Double.NaN : StatUtils.mean(values(f));
        }

        /** Sample standard deviation (n − 1), NaN below two runs. */
        double sd(java.util.function.ToDoubleFunction<Ablation.Outcome> f) {
            return runs.size() < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(values(f)));
        }

        private double[] values(java.util.function.ToDoubleFunction<Ablation.Outcome> f) {
            return runs.stream().mapToDouble(f).toArray();
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

    /** The markdown tables, preceded by {@code setup} (one line saying what was run). */
    public static String markdown(List<Ablation.Outcome> outcomes, String setup) {
        StringBuilder sb = new StringBuilder();
        sb.append(setup).append("\n\n");
        sb.append("| variant | target sparsity | weights pruned | float test acc. | int8 test acc. | int8 − float "
                + "| int8 validation acc. | teacher | seeds | train time |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Group g : groups(outcomes)) {
            double delta = g.mean(o -> o.int8Accuracy() - o.floatAccuracy());
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %s | %s | %+.2f | %s | %s | %d | %.0f s |%n",
                    g.variant().label, g.variant().pruned ? String.format(Locale.ROOT, "%.0f %%", 100 * g.sparsity()) : "0 %",
                    100 * g.mean(Ablation.Outcome::prunedWeights), pctSd(g, Ablation.Outcome::floatAccuracy),
                    pctSd(g, Ablation.Outcome::int8Accuracy), 100 * delta, pctSd(g, Ablation.Outcome::int8Validation),
                    pct(g.mean(Ablation.Outcome::teacher)), g.runs().size(), g.mean(Ablation.Outcome::seconds)));
        }
        sb.append(sharedPhase1Note(outcomes));
        List<Paired> test = paired(outcomes, Ablation.Outcome::int8Accuracy);
        if (!test.isEmpty()) {
            List<Paired> val = paired(outcomes, Ablation.Outcome::int8Validation);
            sb.append("\nPQK − (pruning + QAT), int8 accuracy, paired by seed (points; 95 % confidence interval of the "
                    + "mean difference from the paired t distribution; p: two-sided paired t-test):\n\n");
            sb.append("| target sparsity | pairs | test: mean difference | test: 95 % CI | test: p | validation: mean "
                    + "difference | validation: 95 % CI |\n");
            sb.append("|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < test.size(); i++) {
                Paired t = test.get(i);
                Paired v = val.get(i);
                sb.append(String.format(Locale.ROOT, "| %.0f %% | %d | %+.2f | %s | %s | %+.2f | %s |%n", 100 * t.sparsity(),
                        t.pairs(), 100 * t.mean(), interval(t), Double.isNaN(t.p()) ? "–"
                                : String.format(Locale.ROOT, "%.3f", t.p()), 100 * v.mean(), interval(v)));
            }
        }
        return sb.toString();
    }

    /** Which runs shared their phase 1 and how their train time counts it; empty when none did. */
    static String sharedPhase1Note(List<Ablation.Outcome> outcomes) {
        List<Ablation.Outcome> sharing = outcomes.stream().filter(Ablation.Outcome::sharedPhase1).toList();
        if (sharing.isEmpty()) {
            return "";
        }
        List<String> labels = sharing.stream().map(o -> o.run().variant().label).distinct().toList();
        double phase1 = StatUtils.mean(sharing.stream().mapToDouble(Ablation.Outcome::sharedPhase1Seconds).toArray());
        return String.format(Locale.ROOT, "%nPhase 1 shared: %s trained their phase 1 once per sparsity and seed, and "
                + "each continued from a copy of its end state (weights, masks, optimizer moments, BatchNorm statistics, "
                + "observers), which is bit for bit the state each reaches alone; their paired difference thus measures "
                + "phase 2 alone. Their train time counts the shared phase 1 in full (%.0f s on average) plus their own "
                + "phase 2: what each would cost alone, with the one phase 1 counted in both.%n",
                String.join(" and ", labels), phase1);
    }

    private static String interval(Paired p) {
        return Double.isNaN(p.lo()) ? "– (one seed)" : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * p.lo(), 100 * p.hi());
    }

    public static String csv(List<Ablation.Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("variant,sparsity,seed,weights,pruned_fraction,float_test_accuracy,"
                + "int8_test_accuracy,int8_validation_accuracy,teacher_test_accuracy,train_seconds\n");
        for (Ablation.Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "%s,%.4f,%d,%d,%.5f,%.5f,%.5f,%.5f,%s,%.1f%n", o.run().variant().id,
                    o.run().sparsity(), o.run().seed(), o.weights(), o.prunedWeights(), o.floatAccuracy(),
                    o.int8Accuracy(), o.int8Validation(),
                    Double.isNaN(o.teacher()) ? "" : String.format(Locale.ROOT, "%.5f", o.teacher()), o.seconds()));
        }
        return sb.toString();
    }

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2"};
    private static final String DENSE_COLOR = "#9c9c9c";

    /**
     * A grouped bar chart: one group per variant, one bar per sparsity (dense variants: one grey bar), bar
     * height the mean int8 test accuracy, a black tick at the float accuracy; below it, when both PQK and
     * pruning + QAT ran, their paired difference per sparsity with its 95 % confidence interval.
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
        PercentAxis axis = PercentAxis.above(lo);
        double axisLo = axis.low();
        int ticks = axis.ticks();
        int w = 760;
        int h = 420;
        int left = 70;
        int right = 20;
        int top = 50;
        int bottom = 90;
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        List<Paired> paired = paired(outcomes, Ablation.Outcome::int8Accuracy);
        int total = h + (paired.isEmpty() ? 0 : PANEL_HEIGHT);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, total, w, total));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, total));
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
        if (!paired.isEmpty()) {
            sb.append(pairedPanel(paired, h, w, left, right));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static final int PANEL_HEIGHT = 240;

    /** The paired differences as points with 95 % interval whiskers around a zero line, from y = {@code y0}. */
    private static String pairedPanel(List<Paired> paired, int y0, int w, int left, int right) {
        double extent = 0.001;
        for (Paired p : paired) {
            extent = Math.max(extent, Math.abs(p.mean()));
            if (!Double.isNaN(p.lo())) {
                extent = Math.max(extent, Math.max(Math.abs(p.lo()), Math.abs(p.hi())));
            }
        }
        // a symmetric axis in whole tenths of a point, at most 10 ticks each way
        double step = 0.001;
        for (double s : new double[] {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2}) {
            step = s;
            if (extent / s <= 5) {
                break;
            }
        }
        int ticks = (int) Math.ceil(extent / step);
        double axis = ticks * step;
        double top = y0 + 40;
        double plotH = PANEL_HEIGHT - 80;
        double plotW = w - left - right;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"14\" font-weight=\"bold\">PQK − "
                + "(pruning + QAT): int8 test accuracy, paired by seed, 95 %% confidence interval</text>%n", left, y0 + 22.0));
        for (int t = -ticks; t <= ticks; t++) {
            double v = t * step;
            double y = top + plotH * (axis - v) / (2 * axis);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    left, y, w - right, y, t == 0 ? "black" : "#dddddd"));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%+.1f</text>%n", left - 6,
                    y + 4, 100 * v));
        }
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "points</text>%n", top + plotH / 2));
        double slot = plotW / paired.size();
        for (int i = 0; i < paired.size(); i++) {
            Paired p = paired.get(i);
            double x = left + slot * (i + 0.5);
            double ym = top + plotH * (axis - p.mean()) / (2 * axis);
            String color = !Double.isNaN(p.lo()) && p.lo() > 0 ? "#59a14f" : !Double.isNaN(p.hi()) && p.hi() < 0
                    ? "#e15759" : "#4e79a7";
            if (!Double.isNaN(p.lo())) {
                double yl = top + plotH * (axis - p.lo()) / (2 * axis);
                double yh = top + plotH * (axis - p.hi()) / (2 * axis);
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-width=\"2\"/>%n", x, yl, x, yh, color));
                for (double yy : new double[] {yl, yh}) {
                    sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                            + "stroke=\"%s\" stroke-width=\"2\"/>%n", x - 8, yy, x + 8, yy, color));
                }
            }
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%.0f %% "
                    + "sparsity: %+.2f points, 95 %% CI %s, %d pairs</title></circle>%n", x, ym, color, 100 * p.sparsity(),
                    100 * p.mean(), escape(interval(p)), p.pairs()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f %% sparsity: "
                    + "%+.2f %s (%d seeds)</text>%n", x, top + plotH + 22, 100 * p.sparsity(), 100 * p.mean(),
                    escape(interval(p)), p.pairs()));
        }
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

    /**
     * An accuracy axis from a round number of percent below the lowest value to 100 %, so that differences
     * are visible: tick step 1, 2, 5, 10 or 20 points, the smallest that needs at most 8 ticks.
     */
    record PercentAxis(double low, int ticks) {
        static PercentAxis above(double lowest) {
            int step = 1;
            for (int s : new int[] {1, 2, 5, 10, 20}) {
                step = s;
                if ((100 - Math.max(0, Math.floor((lowest * 100 - 1) / s) * s)) / s <= 8) {
                    break;
                }
            }
            double low = Math.max(0, Math.floor((lowest * 100 - 1) / step) * step) / 100;
            return new PercentAxis(low, (int) Math.round((1 - low) * 100 / step));
        }
    }

    /** XML text escaping for the SVG charts of this package. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
