package io.pqkmcu.trainer.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuLoadTest {
    @Test
    void parsesTheAggregateCpuLineAndTheProcessTimes() {
        String stat = "cpu  100 5 40 9000 30 2 3 7 11 0\ncpu0 50 2 20 4500 15 1 1 3 5 0\nintr 12345\n";
        assertEquals(100 + 5 + 40 + 2 + 3 + 7, CpuLoad.busyTicks(stat));
        // a command name with a space and a parenthesis, as the kernel writes it
        String self = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 152 9 8 20 0 30 0 123 456 789";
        assertEquals(731 + 152, CpuLoad.selfTicks(self));
    }

    @Test
    void otherProcessesAreTheMachinesBusyTimeMinusOurs() {
        CpuLoad.Sample a = new CpuLoad.Sample(1000, 400, 0);
        CpuLoad.Sample b = new CpuLoad.Sample(1000 + 250, 400 + 200, 2_000_000_000L); // 2 s: 250 busy ticks, 200 ours
        assertEquals(0.25, CpuLoad.otherCores(a, b), 1e-12);
        assertTrue(CpuLoad.unreliable(CpuLoad.otherCores(a, b)));
        assertFalse(CpuLoad.unreliable(0.05));
        assertEquals(0.0, CpuLoad.otherCores(a, new CpuLoad.Sample(1200, 601, 2_000_000_000L)), 0.0, "never negative");
        assertTrue(Double.isNaN(CpuLoad.otherCores(null, b)));
        assertFalse(CpuLoad.unreliable(Double.NaN), "unknown is not marked");
    }

    @Test
    void ourOwnSpinIsNotCountedAsOtherLoad() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
        CpuLoad.Sample a = CpuLoad.sample();
        // 0.3 s of this thread's CPU time (not wall time: the machine may be shared)
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + 300_000_000L;
        double sink = 0;
        while (mx.getCurrentThreadCpuTime() < end) {
            sink += Math.sqrt(sink + 1);
        }
        CpuLoad.Sample b = CpuLoad.sample();
        assertTrue(sink > 0);
        assertTrue(b.self() - a.self() >= 20, "our 0.3 s of spinning shows in /proc/self/stat: " + (b.self() - a.self()));
        assertTrue(b.busy() - a.busy() >= b.self() - a.self() - 2, "and in the machine's busy time");
    }
}
