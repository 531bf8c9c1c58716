package io.pqkmcu.trainer.bench;

import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.Branch;
import io.pqkmcu.trainer.nn.Losses;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.nn.Pass;
import io.pqkmcu.trainer.optim.Adam;
import io.pqkmcu.trainer.tensor.Tensor;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Measures training and inference throughput of an architecture on random inputs: forward + backward +
 * Adam at a given batch size, as the PyTorch baseline script (bench/pytorch/dscnn_bench.py) does.
 * Wall-clock timing is only ever reported as a benchmark, next to a baseline measured in the same run.
 */
public final class TrainingThroughput {
    /**
     * Samples per second of each mode, and in {@code otherCpu} the cores' worth of CPU other processes
     * used while each was timed (see {@link CpuLoad}).
     */
    public record Result(String architecture, int batch, double floatTraining, double qatTraining, double pqkPhase2,
                         double inference, OtherCpu otherCpu) {}

    /** Other processes' CPU in cores during each timed mode; NaN where /proc is not available. */
    public record OtherCpu(double floatTraining, double qatTraining, double pqkPhase2, double inference) {}

    private final Network net;
    private final Tensor x;
    private final int[] y;
    private final Adam adam;

    public TrainingThroughput(String architecture, int height, int width, int classes, int batch) {
        net = Architectures.build(architecture, height, width, classes, 1);
        x = new Tensor(batch, height, width, 1);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) (r.nextGaussian());
        }
        y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = i % classes;
        }
        adam = new Adam(net.params(), 0f);
        net.quantControl().setActivationsActive(true);
    }

    /** Each mode runs {@code warmup} steps, then as many steps as fit in {@code seconds}. */
    public Result measure(double seconds, int warmup) {
        double[] floatTraining = rate(seconds, warmup, s -> trainStep(Branch.FLOAT, s));
        double[] qat = rate(seconds, warmup, s -> trainStep(Branch.student(true, false), s));
        double[] phase2 = rate(seconds, warmup, this::distillStep);
        double[] inference = rate(seconds, warmup, s -> net.forward(x, Pass.eval(Branch.FLOAT)));
        return new Result(net.architecture(), x.n, floatTraining[0], qat[0], phase2[0], inference[0],
                new OtherCpu(floatTraining[1], qat[1], phase2[1], inference[1]));
    }

    private void trainStep(Branch branch, int step) {
        net.zeroGrad();
        Pass p = new Pass(branch, true, step);
        Losses.Result r = Losses.crossEntropy(net.forward(x, p), y);
        net.backward(r.grad(), p);
        adam.step(1e-3f);
    }

    /** Teacher and student on the same batch, as PQK phase 2 runs them (losses as in PqkTrainer). */
    private void distillStep(int step) {
        net.zeroGrad();
        Pass t = new Pass(Branch.teacher(false), true, step);
        Tensor tl = net.forward(x, t);
        Pass s = new Pass(Branch.student(true, true), true, step);
        Tensor sl = net.forward(x, s);
        Tensor gs = Losses.crossEntropy(sl, y).grad();
        Tensor gt = Losses.crossEntropy(tl, y).grad();
        Losses.distillation(sl, tl, 4.0, gs, null);
        net.backward(gs, s);
        net.backward(gt, t);
        adam.step(1e-3f);
    }

    /** {samples per second, other processes' CPU in cores} over the timed steps (warm-up excluded). */
    private double[] rate(double seconds, int warmup, IntConsumer step) {
        for (int i = 0; i < warmup; i++) {
            step.accept(i);
        }
        CpuLoad.Sample before = CpuLoad.sample();
        long start = System.nanoTime();
        int n = 0;
        double elapsed;
        do {
            step.accept(warmup + n);
            n++;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (elapsed < seconds);
        return new double[] {n * x.n / elapsed, CpuLoad.otherCores(before, CpuLoad.sample())};
    }
}
