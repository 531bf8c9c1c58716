package io.pqkmcu.trainer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU other processes used during a timed benchmark part: the machine's busy time from
 * /proc/stat minus this process's own (utime + stime from /proc/self/stat), over the wall time. A
 * throughput measured while other processes take more than {@link #UNRELIABLE_CORES} of a core is marked
 * unreliable: under load, PyTorch's OpenMP threads can fall to a tenth of their speed and a speed ratio
 * means nothing.
 */
public final class CpuLoad {
    /** Other processes' CPU, in cores, above which a figure is marked unreliable. */
    public static final double UNRELIABLE_CORES = 0.10;
    /**
     * Clock ticks per second of /proc/stat and /proc/&lt;pid&gt;/stat (USER_HZ): 100 on every Linux
     * architecture this runs on (the kernel exports these files in USER_HZ whatever its internal HZ).
     */
    static final double TICKS_PER_SECOND = 100;

    private CpuLoad() {}

    /** Busy ticks of all CPUs, this process's ticks, and the wall clock, at one moment. */
    public record Sample(long busy, long self, long nanos) {}

    /** A sample now, or null where /proc is not available (not Linux). */
    public static Sample sample() {
        try {
            String stat = Files.readString(Path.of("/proc/stat"));
            String self = Files.readString(Path.of("/proc/self/stat"));
            return new Sample(busyTicks(stat), selfTicks(self), System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Cores' worth of CPU that other processes used between two samples (never below 0: the two
     * counters tick separately, so an idle machine can come out a tick negative); NaN if either is null.
     */
    public static double otherCores(Sample from, Sample to) {
        if (from == null || to == null || to.nanos() <= from.nanos()) {
            return Double.NaN;
        }
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double ticks = (to.busy() - from.busy()) - (to.self() - from.self());
        return Math.max(0, ticks / TICKS_PER_SECOND / seconds);
    }

    /** Whether a figure measured with {@code otherCores} of other load is unreliable (NaN: unknown, not marked). */
    public static boolean unreliable(double otherCores) {
        return otherCores > UNRELIABLE_CORES;
    }

    /**
     * Busy ticks from the aggregate "cpu" line of /proc/stat: user + nice + system + irq + softirq + steal
     * (idle and iowait are not busy; guest time is already inside user and nice).
     */
    static long busyTicks(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("/proc/stat has no aggregate cpu line"));
        String[] f = line.trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system _idle_ _iowait_ irq softirq steal
            busy += i < f.length ? Long.parseLong(f[i]) : 0;
        }
        return busy;
    }

    /**
     * utime + stime of /proc/self/stat (fields 14 and 15). The command name, field 2, is in parentheses and
     * may itself contain spaces and parentheses, so fields are counted from the last ')'.
     */
    static long selfTicks(String procSelfStat) {
        String rest = procSelfStat.substring(procSelfStat.lastIndexOf(')') + 1).trim();
        String[] f = rest.split("\\s+"); // f[0] is field 3 (state)
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }
}
