package io.pqkmcu.trainer.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs loops over index ranges on a fixed pool of worker threads.
 *
 * <p>Work is split into chunks whose boundaries depend only on the problem size, never on the thread
 * count, and every reduction combines per-chunk partial results in chunk order. Training results are
 * therefore identical for a given seed whatever the number of threads.
 */
public final class Parallel {
    private static volatile ForkJoinPool pool = new ForkJoinPool(defaultThreads());

    private Parallel() {}

    /**
     * Samples per chunk for loops over a batch of feature maps (convolution unfolding, depthwise
     * convolution, pooling): each sample is a whole map, so a few of them make a task worth forking.
     */
    public static final int SAMPLE_GRAIN = 4;

    /** Body of a parallel loop: handles indices [from, to) of chunk number {@code chunk}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    public static int defaultThreads() {
        String env = System.getenv("PQK_THREADS");
        if (env != null && !env.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PQK_THREADS must be a positive integer, got '" + env + "'");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Sets the number of worker threads used by every parallel kernel. */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads != pool.getParallelism()) {
            ForkJoinPool old = pool;
            pool = new ForkJoinPool(threads);
            old.shutdown();
        }
    }

    public static int threads() {
        return pool.getParallelism();
    }

    /** Number of chunks {@link #forChunks} uses for {@code n} items of at least {@code grain} each. */
    public static int chunkCount(int n, int grain) {
        if (n <= 0) {
            return 0;
        }
        return (n + grain - 1) / grain;
    }

    /** Runs {@code body} over [0, n) in chunks of {@code grain} indices (the last may be shorter). */
    public static void forChunks(int n, int grain, ChunkBody body) {
        int chunks = chunkCount(n, grain);
        if (chunks == 0) {
            return;
        }
        if (chunks == 1 || pool.getParallelism() == 1) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, c * grain, Math.min(n, (c + 1) * grain));
            }
            return;
        }
        List<RecursiveAction> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            final int chunk = c;
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(chunk, chunk * grain, Math.min(n, (chunk + 1) * grain));
                }
            });
        }
        if (java.util.concurrent.ForkJoinTask.getPool() == pool) {
            RecursiveAction.invokeAll(tasks);
        } else {
            pool.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }
    }

    /** A grain that gives roughly {@code target} chunks, but never fewer than {@code min} indices each. */
    public static int grainFor(int n, int target, int min) {
        return Math.max(min, (n + target - 1) / target);
    }
}
