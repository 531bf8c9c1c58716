package io.pqkmcu.bench;

import io.pqkmcu.trainer.tensor.BnActKernels;
import io.pqkmcu.trainer.tensor.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * JMH microbenchmarks of the trainer's hot kernels on DS-CNN-S shapes (batch 100: 12,500 rows of 64
 * channels). Compare runs against each other on the same machine, not against fixed numbers.
 * {@code java --add-modules jdk.incubator.vector -jar bench/target/pqk-bench.jar KernelBenchmarks}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmarks {
    private static final int ROWS = 12_500;
    private static final int C = 64;
    private float[] a;
    private float[] b;
    private float[] c;
    private float[] w;
    private float[] xhat;
    private float[] ones;
    private float[] zeros;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        a = new float[ROWS * C];
        b = new float[ROWS * C];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
        w = new float[C * C];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        c = new float[ROWS * C];
        xhat = new float[ROWS * C];
        ones = new float[C];
        zeros = new float[C];
        java.util.Arrays.fill(ones, 1f);
    }

    /** Pointwise convolution forward: [12500 × 64] · [64 × 64]. */
    @Benchmark
    public float[] pointwiseForward() {
        Gemm.mm(a, w, c, ROWS, C, C, false);
        return c;
    }

    /** Pointwise weight gradient: [64 × 12500] · [12500 × 64]. */
    @Benchmark
    public float[] pointwiseWeightGradient() {
        float[] dw = new float[C * C];
        Gemm.mmTransA(a, b, dw, ROWS, C, C);
        return dw;
    }

    /** Fused BatchNorm statistics + normalise + ReLU + fake quantization. */
    @Benchmark
    public float[] batchNormReluQuantForward() {
        float[] z = a.clone();
        BnActKernels.Stats s = BnActKernels.stats(z, ROWS, C);
        BnActKernels.forward(z, ROWS, C, s.mean(), ones, ones, zeros, 0f, Float.POSITIVE_INFINITY, xhat,
                new io.pqkmcu.trainer.quant.ActQuant(0.05, -128).kernel());
        return z;
    }
}
