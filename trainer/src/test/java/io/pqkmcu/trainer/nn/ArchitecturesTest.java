package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every preset builds for its designed input, gives logits, and has the published number of weights. */
class ArchitecturesTest {
    /** Weights (convolution and dense kernels, BN and biases excluded), counted from the papers' shapes. */
    private static final Map<String, Long> WEIGHTS = Map.ofEntries(
            Map.entry("ds-cnn", 2560L + 4 * (576 + 4096) + 768),
            Map.entry("ds-cnn-wide", 96L * 40 + 4 * (96 * 9 + 96 * 96) + 96 * 12),
            Map.entry("ds-cnn-s", 2560L + 4 * (576 + 4096) + 768),
            Map.entry("ds-cnn-m", 172L * 40 + 4 * (172 * 9 + 172 * 172) + 172 * 12),
            Map.entry("ds-cnn-l", 276L * 40 + 5 * (276 * 9 + 276 * 276) + 276 * 12),
            Map.entry("ds-cnn-tiny", 16L * 40 + 2 * (144 + 256) + 16 * 12),
            Map.entry("res8", 45L * 9 + 6 * 45 * 45 * 9 + 45 * 12),          // ≈ 110 k (Tang & Lin)
            Map.entry("res8-narrow", 19L * 9 + 6 * 19 * 19 * 9 + 19 * 12),   // ≈ 19.9 k
            Map.entry("res15", 45L * 9 + 13 * 45 * 45 * 9 + 45 * 12),        // ≈ 238 k
            Map.entry("resnet8", 432L + 2 * 2304 + 4608 + 9216 + 512 + 18432 + 36864 + 2048 + 640), // ≈ 78 k (MLPerf)
            Map.entry("fmnist-cnn", 288L + 18432 + 7 * 7 * 64 * 10));

    @Test
    void everyPresetBuildsRunsAndHasThePublishedSize() {
        assertEquals(WEIGHTS.keySet(), new java.util.HashSet<>(Architectures.NAMES));
        for (String name : Architectures.NAMES) {
            Architectures.Preset p = Architectures.preset(name);
            int classes = p.input() == Architectures.Input.IMAGE ? 10 : 12;
            Network net = Architectures.build(name, p.height(), p.width(), p.channels(), classes, 1);
            assertEquals(WEIGHTS.get(name), net.weightCount(), name);
            if (!name.equals("res15") && !name.equals("ds-cnn-l")) { // the two big ones are slow in a unit test
                Tensor out = net.forward(new Tensor(2, p.height(), p.width(), p.channels()), Pass.eval(Branch.FLOAT));
                assertEquals(2 * classes, out.data.length, name);
            }
        }
    }

    @Test
    void res15DilatesAsTangAndLin() {
        Network net = Architectures.build("res15", 49, 40, 12, 1);
        int[] expected = {1, 1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16}; // conv0, then 2^floor(i/3) for i = 0..12
        int k = 0;
        long adds = net.layers().stream().filter(l -> l instanceof Add).count();
        for (ConvUnit u : net.units()) {
            if (u.kind() == ConvUnit.Kind.CONV) {
                assertEquals(expected[k], u.geometry().dilH(), u.name());
                assertEquals(49, u.geometry().outH(), u.name() + " keeps the time axis");
                k++;
            }
        }
        assertEquals(14, k);
        assertEquals(6, adds);
    }

    @Test
    void resnet8HasProjectionShortcutsWhereTheShapeChanges() {
        Network net = Architectures.build("resnet8", 32, 32, 3, 10, 1);
        ConvUnit proj = net.units().stream().filter(u -> u.name().equals("s3proj")).findFirst().orElseThrow();
        assertEquals(2, proj.geometry().strideH());
        assertTrue(!proj.hasBatchNorm(), "the MLPerf projection has a bias, no BN");
        assertEquals(3, net.layers().stream().filter(l -> l instanceof Add).count());
    }

    @Test
    void unknownNamesListTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.build("vgg", 49, 10, 12, 1));
        assertTrue(e.getMessage().contains("res15") && e.getMessage().contains("ds-cnn-l"), e.getMessage());
    }
}
