package io.pqkmcu.trainer.util;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with ETA on stderr. On a terminal it redraws one line; otherwise (CI logs) it prints
 * a line at every tenth of the work so logs stay short.
 */
public final class Progress {
    private final PrintStream out;
    private final String title;
    private final long total;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;
    private final long startDone;

    public Progress(String title, long total, long alreadyDone) {
        this(System.err, title, total, alreadyDone, System.console() != null);
    }

    public Progress(PrintStream out, String title, long total, long alreadyDone, boolean terminal) {
        this.out = out;
        this.title = title;
        this.total = Math.max(1, total);
        this.terminal = terminal;
        this.startDone = alreadyDone;
    }

    /** Reports {@code done} of total with a short status such as "loss 0.41 acc 88%". */
    public void update(long done, String status) {
        long now = System.nanoTime();
        int decile = (int) (10 * done / total);
        boolean finished = done >= total;
        if (terminal) {
            if (!finished && now - lastDraw < 250_000_000L) {
                return;
            }
            lastDraw = now;
            out.print("\r" + line(done, status, now) + "\u001b[K");
            if (finished) {
                out.println();
            }
        } else if (decile != lastDecile || finished) {
            lastDecile = decile;
            out.println(line(done, status, now));
        }
        out.flush();
    }

    private String line(long done, String status, long now) {
        int width = 24;
        int filled = (int) (width * done / total);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < width; i++) {
            bar.append(i < filled ? '=' : (i == filled ? '>' : ' '));
        }
        bar.append(']');
        double elapsed = (now - startNanos) / 1e9;
        long progressed = done - startDone;
        String eta = progressed > 0 ? formatSeconds(elapsed / progressed * (total - done)) : "--";
        return String.format(Locale.ROOT, "%-8s %s %3d%% %d/%d %s ETA %s", title, bar, 100 * done / total, done, total,
                status, done >= total ? formatSeconds(elapsed) + " total" : eta);
    }

    public static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s" : t + "s";
    }
}
