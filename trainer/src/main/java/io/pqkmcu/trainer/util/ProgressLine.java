package io.pqkmcu.trainer.util;

import java.io.PrintStream;

/**
 * A one-line progress report ("label: 1234/4000 (30%), ETA 12 s") rewritten in place on a terminal
 * stream, at most four times a second. Thread-safe. Timing only feeds the display, never results.
 */
public final class ProgressLine {
    private static final long MIN_INTERVAL_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int done;

    /** @param out where to print, or null for silence */
    public ProgressLine(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.lastPrint = start - MIN_INTERVAL_NANOS;
    }

    /** Counts one finished item. */
    public synchronized void step() {
        done++;
        long now = System.nanoTime();
        if (out != null && (done == total || now - lastPrint >= MIN_INTERVAL_NANOS)) {
            lastPrint = now;
            out.print("\r" + text(now));
            if (done == total) {
                out.println();
            }
            out.flush();
        }
    }

    public synchronized int done() {
        return done;
    }

    private String text(long now) {
        double elapsed = (now - start) / 1e9;
        StringBuilder sb = new StringBuilder(label).append(": ").append(done).append('/').append(total);
        if (total > 0) {
            sb.append(" (").append(100L * done / total).append("%)");
        }
        if (done == total) {
            sb.append(String.format(java.util.Locale.ROOT, ", %.1f s", elapsed));
        } else if (done > 0) {
            sb.append(String.format(java.util.Locale.ROOT, ", ETA %d s   ", Math.round(elapsed / done * (total - done))));
        }
        return sb.toString();
    }
}
