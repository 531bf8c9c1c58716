package io.pqkmcu.model.util;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with ETA for long work. On a terminal it redraws one line at most four times a
 * second; elsewhere (CI logs) it prints a line at every tenth of the work so logs stay short. A null
 * stream makes it silent. Thread-safe; timing feeds only the display, never results.
 *
 * <p>The ETA leaves out the first item, which carries the start-up costs (JIT compilation, caches, the
 * first feature pass) and would extrapolate to hours, and shows "--" until {@value #ETA_AFTER} more items
 * have been timed.
 */
public final class Progress {
    private static final long MIN_INTERVAL_NANOS = 250_000_000L;
    static final int ETA_AFTER = 2;

    private final PrintStream out;
    private final String title;
    private final long total;
    private final boolean terminal;
    private final java.util.function.LongSupplier clock;
    private final long startNanos;
    private long baseNanos = -1;
    private long baseDone;
    private long lastDraw;
    private int lastDecile = -1;
    private long done;

    /** Progress on stderr, redrawn in place when stderr is a terminal. */
    public Progress(String title, long total, long alreadyDone) {
        this(System.err, title, total, alreadyDone, System.console() != null);
    }

    /** @param out where to print, or null for silence */
    public Progress(PrintStream out, String title, long total, long alreadyDone, boolean terminal) {
        this(out, title, total, alreadyDone, terminal, System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    Progress(PrintStream out, String title, long total, long alreadyDone, boolean terminal,
             java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.out = out;
        this.title = title;
        this.total = Math.max(1, total);
        this.terminal = terminal;
        this.done = alreadyDone;
        this.lastDraw = startNanos - MIN_INTERVAL_NANOS;
    }

    /** Counts one finished item (for work done by several threads). */
    public synchronized void step() {
        update(done + 1, "");
    }

    public synchronized long done() {
        return done;
    }

    /** Reports {@code done} of total with a short status such as "loss 0.41 acc 88%". */
    public synchronized void update(long done, String status) {
        this.done = done;
        long now = clock.getAsLong();
        if (baseNanos < 0) {
            baseNanos = now; // the ETA is timed from the end of the first update on
            baseDone = done;
        }
        if (out == null) {
            return;
        }
        int decile = (int) (10 * done / total);
        boolean finished = done >= total;
        if (terminal) {
            if (!finished && now - lastDraw < MIN_INTERVAL_NANOS) {
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
        long timed = done - baseDone;
        String eta = timed >= ETA_AFTER && now > baseNanos
                ? formatSeconds((now - baseNanos) / 1e9 / timed * (total - done)) : "--";
        String tail = done >= total ? formatSeconds(elapsed) + " total" : "ETA " + eta;
        return String.format(Locale.ROOT, "%-8s %s %3d%% %d/%d %s%s", title, bar, 100 * done / total, done, total,
                status.isEmpty() ? "" : status + " ", tail);
    }

    public static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s" : t + "s";
    }
}
