package io.pqkmcu.tests;

import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.OpKind;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java int8 interpreter == generated C on the host, called through the generated JNA binding: random
 * models with mixed dense/sparse layers, every op in both formats, and the front end + model path.
 */
class HostBitExactnessTest {
    private static final int RANDOM_MODELS = 50;
    private static final int RANDOM_INPUTS = 4;

    @TempDir
    Path tmp;

    private final ProjectGenerator generator = new ProjectGenerator();

    /** Random inputs plus the corners: all -128, all 127, all at the input zero point. */
    static List<byte[]> inputs(Int8Model m, long seed) {
        Random rnd = new Random(seed);
        List<byte[]> in = new ArrayList<>();
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            in.add(RandomModels.randomInput(m, rnd));
        }
        for (int v : new int[] {-128, 127, m.input().zeroPoint()}) {
            byte[] b = new byte[m.input().size()];
            Arrays.fill(b, (byte) v);
            in.add(b);
        }
        return in;
    }

    /** Generates, builds and runs {@code m}; every output must equal the interpreter's. Returns the formats used. */
    private Set<LayerFormat> check(Int8Model m, GenerateOptions options, String what) {
        List<byte[]> inputs = inputs(m, m.name().hashCode());
        GeneratedProject p = generator.generate(m, options.withTestVectors(inputs));
        Int8Interpreter reference = new Int8Interpreter(m);
        try (HostModel host = HostModel.build(p, tmp.resolve("classes-" + m.name() + "-" + options.policy()))) {
            assertEquals(p.plan().arenaSize(), host.arenaSize());
            assertEquals(m.input().size(), host.constant("INPUT_SIZE"));
            assertEquals(m.labels(), host.constant("LABELS"));
            for (int i = 0; i < inputs.size(); i++) {
                assertArrayEquals(reference.run(inputs.get(i)), host.invoke(inputs.get(i)),
                        what + ": model " + m.name() + ", input " + i + ", formats " + p.layerFormats());
            }
        }
        Set<LayerFormat> used = EnumSet.noneOf(LayerFormat.class);
        p.layerFormats().forEach(c -> used.add(c.format()));
        return used;
    }

    @Test
    void randomModelsWithMixedLayerFormatsMatchTheReference() {
        Set<LayerFormat> formats = EnumSet.noneOf(LayerFormat.class);
        Set<OpKind> kinds = EnumSet.noneOf(OpKind.class);
        Random pick = new Random(99);
        for (int i = 0; i < RANDOM_MODELS; i++) {
            Int8Model m = RandomModels.random(1000 + i);
            GenerateOptions o = GenerateOptions.of(tmp.resolve("random-" + i))
                    .withPolicy(FormatPolicy.values()[i % FormatPolicy.values().length]);
            // Every other model also gets random per-layer overrides, so one model mixes both formats.
            if (i % 2 == 0) {
                for (Op op : m.ops()) {
                    if (op.weights() != null && pick.nextBoolean()) {
                        o = o.withOverride(op.name(), pick.nextBoolean() ? LayerFormat.SPARSE : LayerFormat.DENSE);
                    }
                }
            }
            formats.addAll(check(m, o, "random model " + i));
            m.ops().forEach(op -> kinds.add(op.kind()));
        }
        assertEquals(EnumSet.allOf(LayerFormat.class), formats);
        assertEquals(EnumSet.copyOf(RandomModels.KINDS), kinds);
    }

    @ParameterizedTest
    @MethodSource("io.pqkmcu.model.RandomModels#kinds")
    void everyOpInBothFormatsMatchesTheReference(OpKind kind) {
        double[] sparsities = {0.0, 0.5, 0.9};
        for (int s = 0; s < sparsities.length; s++) {
            Int8Model m = RandomModels.singleOp(kind, 500 + s, sparsities[s]);
            for (FormatPolicy policy : List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)) {
                Set<LayerFormat> used = check(m, GenerateOptions.of(tmp.resolve(kind + "-" + s + "-" + policy))
                        .withPolicy(policy), kind + " " + policy);
                if (m.ops().stream().anyMatch(op -> op.weights() != null)) {
                    assertEquals(EnumSet.of(LayerFormat.valueOf(policy.name())), used);
                } else {
                    assertTrue(used.isEmpty());
                    break; // no weights: one format only
                }
            }
        }
    }

    /**
     * DS-CNN-S pruned to 90 % has output channels whose weights were all pruned (bias 0): the generator
     * gives them fast-path quantizers of its own (LayerViews.quantLines); their outputs must not change.
     */
    @Test
    void prunedAwayChannelsKeepTheirOutputs() {
        Int8Model m = io.pqkmcu.codegen.bench.DsCnnModels.small(0.9, 1);
        boolean dead = false;
        for (Op op : m.ops()) {
            if (op.weights() != null) {
                io.pqkmcu.codegen.sparse.WeightMatrix w = io.pqkmcu.codegen.sparse.WeightMatrix.of(op);
                for (int r = 0; r < w.rows(); r++) {
                    dead |= w.rowNonZeros(r) == 0 && op.weights().bias()[r] == 0;
                }
            }
        }
        assertTrue(dead, "the model has no all-pruned channel with bias 0 to test");
        for (FormatPolicy policy : List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)) {
            check(m, GenerateOptions.of(tmp.resolve("dscnn-90-" + policy)).withPolicy(policy), "DS-CNN-S 90 % " + policy);
        }
    }

    @Test
    void classifyRunsTheFrontEndThenTheModel() {
        FrontEndConfig fe = FrontEndConfig.mfccDefault();
        Random rnd = new Random(5);
        AudioFrontEnd javaFrontEnd = new AudioFrontEnd(fe);
        for (int seed = 0; seed < 3; seed++) {
            Int8Model m = RandomModels.random(700 + seed, fe.frames(), fe.featuresPerFrame(), 1, 12, fe);
            GeneratedProject p = generator.generate(m, GenerateOptions.of(tmp.resolve("kws-" + seed))
                    .withPolicy(seed == 1 ? FormatPolicy.SPARSE : FormatPolicy.AUTO));
            Int8Interpreter reference = new Int8Interpreter(m);
            try (HostModel host = HostModel.build(p, tmp.resolve("classes-kws-" + seed))) {
                assertEquals(16000, host.constant("AUDIO_SAMPLES"));
                for (int i = 0; i < 3; i++) {
                    short[] audio = new short[fe.clipSamples()];
                    for (int s = 0; s < audio.length; s++) {
                        audio[s] = (short) (i == 2 ? Short.MIN_VALUE : rnd.nextInt(65536) - 32768);
                    }
                    byte[] features = javaFrontEnd.features(audio, m.input().scale(), m.input().zeroPoint());
                    assertArrayEquals(features, host.features(audio, features.length), "features, model " + m.name());
                    assertArrayEquals(reference.run(features), host.classify(audio), "classify, model " + m.name());
                    assertArrayEquals(reference.run(features), host.invoke(features), "invoke, model " + m.name());
                }
            }
        }
    }
}
