package io.pqkmcu.trainer.kws;

import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.data.KwsAugmentation;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsEntry;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.features.TrainingSource;
import io.pqkmcu.trainer.nn.Architectures;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.pqk.Checkpoint;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.pqk.PqkTrainer;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Parallel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** On-the-fly MLPerf augmentation: deterministic per (seed, epoch, position), fresh every epoch, exact on resume. */
class AugmentedKwsSourceTest {
    @TempDir
    static Path root;
    private static KwsDataset dataset;
    private static AudioFrontEnd frontEnd;
    private static ActQuant inputQuant;

    @BeforeAll
    static void buildTree() throws IOException {
        List<String> val = new ArrayList<>();
        List<String> test = new ArrayList<>();
        String[] words = {"yes", "no", "bed", "cat", "dog"};
        for (int w = 0; w < words.length; w++) {
            for (int s = 0; s < 8; s++) {
                String rel = words[w] + "/speaker" + s + "_nohash_0.wav";
                WavFile.write(root.resolve(rel), tone(300 + 150 * w + 10 * s, 1000 + 200 * s), 16000);
                if (s == 6) {
                    val.add(rel);
                } else if (s == 7) {
                    test.add(rel);
                }
            }
        }
        Files.writeString(root.resolve("validation_list.txt"), String.join("\n", val) + "\n");
        Files.writeString(root.resolve("testing_list.txt"), String.join("\n", test) + "\n");
        short[] noise = new short[40000];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (r.nextInt(8001) - 4000);
        }
        WavFile.write(root.resolve("_background_noise_/white.wav"), noise, 16000);
        dataset = SpeechCommands.load(root, KwsTask.defaults().withKeywords(List.of("yes", "no")).withPercentages(50, 25));
        frontEnd = new AudioFrontEnd(FrontEndConfig.mfccDefault());
        inputQuant = KwsFeatures.calibrate(dataset.train(), frontEnd);
    }

    private static short[] tone(double hz, int amplitude) {
        short[] s = new short[16000];
        for (int i = 4000; i < 12000; i++) {
            s[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        return s;
    }

    private static AugmentedKwsSource source(long seed) {
        return new AugmentedKwsSource(dataset, frontEnd, inputQuant, KwsAugmentation.mlperf(), seed);
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    @Test
    void anEpochHasTheTasksCountsAndItsUnknownSampleIsDrawnAfresh() {
        AugmentedKwsSource s = source(3);
        assertEquals(dataset.train().size(), s.size());
        List<KwsEntry> e0 = s.unknownOf(0);
        List<KwsEntry> e1 = s.unknownOf(1);
        assertEquals(e0.size(), e1.size());
        assertEquals(e0, source(3).unknownOf(0));
        List<String> p0 = e0.stream().map(KwsEntry::path).toList();
        List<String> p1 = e1.stream().map(KwsEntry::path).toList();
        assertNotEquals(p0, p1, "18 unknown clips in the pool, 4 drawn: epochs 0 and 1 should differ");
    }

    @Test
    void batchesDependOnSeedEpochAndPositionOnlyNotOnThreads() {
        int[] order = identity(source(1).size());
        int threads = Parallel.threads();
        TrainingSource.Batch a;
        try {
            Parallel.setThreads(1);
            a = source(1).batch(2, order, 0, order.length);
            Parallel.setThreads(2);
            TrainingSource.Batch b = source(1).batch(2, order, 0, order.length);
            assertArrayEquals(a.x().data, b.x().data);
            assertArrayEquals(a.labels(), b.labels());
        } finally {
            Parallel.setThreads(threads);
        }
        // a batch of a sub-range gives the same examples as the full batch at those positions
        TrainingSource.Batch part = source(1).batch(2, order, 3, 7);
        int size = part.x().sampleSize();
        for (int i = 0; i < 4 * size; i++) {
            assertEquals(a.x().data[3 * size + i], part.x().data[i]);
        }
        assertFalse(java.util.Arrays.equals(a.x().data, source(1).batch(3, order, 0, order.length).x().data),
                "another epoch augments differently");
        assertFalse(java.util.Arrays.equals(a.x().data, source(2).batch(2, order, 0, order.length).x().data),
                "another seed augments differently");
    }

    @Test
    void resumingAnAugmentedRunReproducesTheUninterruptedOne(@TempDir Path dir) {
        PqkConfig c = new PqkConfig();
        c.batchSize = 8;
        c.phase1Steps = 24;
        c.phase2Steps = 8;
        c.targetSparsity = 0.5;
        c.checkpointEvery = 0;
        Network whole = Architectures.build("ds-cnn-tiny", 49, 10, 4, 5);
        new PqkTrainer(whole, c, source(7), null, null).train();

        Path ck = dir.resolve("ck");
        new PqkTrainer(Architectures.build("ds-cnn-tiny", 49, 10, 4, 5), c, source(7), null, ck).trainUntil(17);
        Network resumed = Architectures.build("ds-cnn-tiny", 49, 10, 4, 5);
        PqkTrainer t = new PqkTrainer(resumed, c, source(7), null, ck);
        t.resume(Checkpoint.read(ck));
        t.train();
        for (int i = 0; i < whole.params().size(); i++) {
            assertArrayEquals(whole.params().get(i).value, resumed.params().get(i).value, whole.params().get(i).name);
        }
    }
}
