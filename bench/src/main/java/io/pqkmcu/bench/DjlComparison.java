package io.pqkmcu.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pqkmcu.trainer.bench.TrainingThroughput;
import io.pqkmcu.trainer.tensor.Parallel;

import java.util.Locale;

/**
 * DS-CNN-S training (forward + backward + Adam, batch 100) and inference samples/s in pqk and in
 * PyTorch through DJL, with the same batch and thread count, measured in one run; prints their ratio.
 *
 * <p>Run (after {@code mvn -Pbench -DskipTests package}):
 * {@code java --add-modules jdk.incubator.vector -Dai.djl.offline=true -cp bench/target/pqk-bench.jar
 * io.pqkmcu.bench.DjlComparison [threads] [seconds]} with a writable DJL_CACHE_DIR.
 */
public final class DjlComparison {
    private static final int BATCH = 100;

    private DjlComparison() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        // DJL's PyTorch engine reads these before it loads the native library.
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Parallel.setThreads(threads);

        TrainingThroughput.Result java = new TrainingThroughput("ds-cnn-s", 49, 10, 12, BATCH).measure(seconds, 5);
        double[] djl = djl(seconds);
        System.out.printf(Locale.ROOT, "DS-CNN-S, batch %d, %d threads%n", BATCH, threads);
        System.out.printf(Locale.ROOT, "%-34s %12s %16s %8s%n", "samples/s", "pqk (Java)", "PyTorch via DJL", "ratio");
        System.out.printf(Locale.ROOT, "%-34s %12.0f %16.0f %7.2fx%n", "training (fwd + bwd + Adam)",
                java.floatTraining(), djl[0], java.floatTraining() / djl[0]);
        System.out.printf(Locale.ROOT, "%-34s %12.0f %16.0f %7.2fx%n", "inference", java.inference(), djl[1],
                java.inference() / djl[1]);
    }

    /** {training, inference} samples/s of the DJL model. */
    private static double[] djl(double seconds) {
        try (Model model = Model.newInstance("ds-cnn-s", "PyTorch")) {
            model.setBlock(DjlDsCnn.build(64, 4, 12));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
            try (Trainer trainer = model.newTrainer(config); NDManager manager = NDManager.newBaseManager("PyTorch")) {
                trainer.initialize(new Shape(BATCH, 1, 49, 10));
                float[] xData = manager.randomNormal(new Shape(BATCH, 1, 49, 10)).toFloatArray();
                float[] yData = manager.arange(0, BATCH).mod(12).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .toFloatArray();
                // Each step's arrays (input, activations, loss, gradients of intermediates) live in a
                // sub-manager closed at the end of the step, as DJL's EasyTrain does with a Batch:
                // attached to a long-lived manager they would pile up in native memory and slow every step.
                Runnable train = () -> {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(xData, new Shape(BATCH, 1, 49, 10));
                        NDArray y = step.create(yData);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(new NDList(x));
                            gc.backward(trainer.getLoss().evaluate(new NDList(y), pred));
                        }
                        trainer.step();
                    }
                };
                double trainRate = rate(train, seconds);
                Runnable infer = () -> {
                    try (NDManager step = manager.newSubManager()) {
                        trainer.evaluate(new NDList(step.create(xData, new Shape(BATCH, 1, 49, 10))));
                    }
                };
                double inferRate = rate(infer, seconds);
                return new double[] {trainRate, inferRate};
            }
        }
    }

    private static double rate(Runnable step, double seconds) {
        for (int i = 0; i < 5; i++) {
            step.run();
        }
        long start = System.nanoTime();
        int n = 0;
        double elapsed;
        do {
            step.run();
            n++;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (elapsed < seconds);
        return n * BATCH / elapsed;
    }
}
