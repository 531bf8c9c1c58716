package io.pqkmcu.trainer.train;

import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.trainer.pqk.HistoryPoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A run's training curves, as a CSV (one row per evaluation) and as an SVG line chart: the student's and
 * the teacher's validation accuracy, the training accuracy, and the sparsity, against the step, with
 * the start of phase 2 marked. Both files are deterministic (no dates) so that they can be committed.
 */
public final class TrainingCurves {
    private static final int W = 760;
    private static final int H = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 50;
    private static final int BOTTOM = 80;

    private TrainingCurves() {}

    /** Writes {@code <stem>.history.csv} and {@code <stem>.history.svg} beside each other. */
    public static void write(Path csvFile, List<HistoryPoint> history, String title) {
        AtomicFiles.writeString(csvFile, csv(history));
        String name = csvFile.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        AtomicFiles.writeString(csvFile.resolveSibling(stem + ".svg"), svg(history, title));
    }

    public static String csv(List<HistoryPoint> history) {
        StringBuilder sb = new StringBuilder("step,phase,train_loss,train_accuracy,sparsity,student_val_accuracy,"
                + "teacher_val_accuracy\n");
        for (HistoryPoint h : history) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.5f,%.5f,%.5f,%.5f,%s%n", h.step(), h.phase(), h.trainLoss(),
                    h.trainAccuracy(), h.sparsity(), h.studentValAccuracy(),
                    Double.isNaN(h.teacherValAccuracy()) ? "" : String.format(Locale.ROOT, "%.5f", h.teacherValAccuracy())));
        }
        return sb.toString();
    }

    public static String svg(List<HistoryPoint> history, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, AblationReport.escape(title)));
        if (history.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no evaluations were recorded</text>%n", LEFT,
                    TOP + 20));
            return sb.append("</svg>\n").toString();
        }
        int lastStep = Math.max(1, history.get(history.size() - 1).step());
        // Accuracy axis from a round number below the lowest validation accuracy (the early training accuracy
        // is left out of the range: it starts near chance and would flatten the part that matters).
        double lo = 1;
        for (HistoryPoint h : history) {
            lo = Math.min(lo, h.studentValAccuracy());
            if (!Double.isNaN(h.teacherValAccuracy())) {
                lo = Math.min(lo, h.teacherValAccuracy());
            }
        }
        AblationReport.PercentAxis axis = AblationReport.PercentAxis.above(lo);
        double axisLo = axis.low();
        int ticks = axis.ticks();
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        for (int t = 0; t <= ticks; t++) {
            double v = axisLo + (1 - axisLo) * t / ticks;
            double y = TOP + plotH * (1 - (double) t / ticks);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n",
                    LEFT, y, W - RIGHT, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f %%</text>%n",
                    LEFT - 6, y + 4, v * 100));
        }
        for (int s = 0; s <= 100; s += 25) {
            double y = TOP + plotH * (1 - s / 100.0);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#888888\">%d %%</text>%n",
                    W - RIGHT + 6, y + 4, s));
        }
        for (int k = 0; k <= 4; k++) {
            int step = (int) Math.round((double) lastStep * k / 4);
            double x = LEFT + plotW * step / lastStep;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n", x,
                    TOP + plotH + 18, step));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">step</text>%n",
                LEFT + plotW / 2, TOP + plotH + 36));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "accuracy</text>%n", TOP + plotH / 2));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %.1f) rotate(90)\" text-anchor=\"middle\" "
                + "fill=\"#888888\">sparsity</text>%n", W - 14, TOP + plotH / 2));
        for (HistoryPoint h : history) {
            if (h.phase() == 2) {
                double x = LEFT + plotW * h.step() / lastStep;
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999999\" "
                        + "stroke-dasharray=\"2 3\"/>%n", x, TOP, x, TOP + plotH));
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#666666\">phase 2</text>%n", x + 4,
                        TOP + 12));
                break;
            }
        }
        line(sb, history, HistoryPoint::sparsity, 0, lastStep, "#888888", "6 4");
        line(sb, history, HistoryPoint::trainAccuracy, axisLo, lastStep, "#9ecae1", null);
        line(sb, history, HistoryPoint::teacherValAccuracy, axisLo, lastStep, "#ff7f0e", null);
        line(sb, history, HistoryPoint::studentValAccuracy, axisLo, lastStep, "#1f77b4", null);
        String[][] legend = {{"#1f77b4", "student, validation"}, {"#ff7f0e", "teacher, validation"},
                {"#9ecae1", "training batches (running mean)"}, {"#888888", "sparsity (right axis)"}};
        for (int i = 0; i < legend.length; i++) {
            double x = LEFT + i * 170;
            double y = H - 22;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>%n", x, y, x + 22, y, legend[i][0], i == 3 ? " stroke-dasharray=\"6 4\"" : ""));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x + 28, y + 4, legend[i][1]));
        }
        return sb.append("</svg>\n").toString();
    }

    /** One polyline over [axisLo, 1]; points below the axis are clamped to it, NaN ones skipped. */
    private static void line(StringBuilder sb, List<HistoryPoint> history, ToDoubleFunction<HistoryPoint> f, double axisLo,
                             int lastStep, String colour, String dash) {
        StringBuilder pts = new StringBuilder();
        for (HistoryPoint h : history) {
            double v = f.applyAsDouble(h);
            if (Double.isNaN(v)) {
                continue;
            }
            double frac = Math.max(0, Math.min(1, (v - axisLo) / (1 - axisLo)));
            double x = LEFT + (double) (W - LEFT - RIGHT) * h.step() / lastStep;
            double y = TOP + (H - TOP - BOTTOM) * (1 - frac);
            pts.append(String.format(Locale.ROOT, "%s%.1f,%.1f", pts.isEmpty() ? "" : " ", x, y));
        }
        if (!pts.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
                    colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", pts));
        }
    }
}
