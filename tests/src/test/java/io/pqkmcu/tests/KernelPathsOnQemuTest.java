package io.pqkmcu.tests;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.Kernel;
import io.pqkmcu.codegen.project.KernelSelector;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.OpKind;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.interp.Int8Interpreter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel of pqk's library on emulated hardware, against the Java int8 reference: on
 * qemu-mps2-an386 (Cortex-M4: the __ARM_FEATURE_DSP SMLAD/SMLAxy paths) and on qemu-mps2-an385
 * (Cortex-M3: the plain C paths). The probes are models of one op (RandomModels.probe: every value the
 * op computes is an output, so no error can hide behind a later layer), chosen by seed so that together
 * they run every kernel, in place and not where the generator does both, each with an output of more
 * than eight pixels that is not a multiple of eight (a full sparse block and a partial one). The host
 * build runs the plain paths in HostBitExactnessTest; ThreeWayBitExactnessTest covers the M7, M33 and
 * M55 boards with random multi-layer graphs.
 */
class KernelPathsOnQemuTest {
    /** Seeds tried per op kind. */
    private static final int SEEDS = 200;
    /** Models generated per kernel (to see whether it runs in place) before its models are no longer tried. */
    private static final int TRIES_PER_KERNEL = 12;

    private static List<Probe> probes;

    @TempDir
    Path tmp;

    /** One probe model, the format policy it runs with, and the kernel variants it exercises. */
    record Probe(Int8Model model, FormatPolicy policy, Set<String> variants) {}

    /** Probes covering every kernel variant the generator picks for RandomModels' op kinds (computed once). */
    static synchronized List<Probe> probes() {
        if (probes == null) {
            probes = findProbes();
        }
        return probes;
    }

    private static List<Probe> findProbes() {
        List<Probe> probes = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        Map<Kernel, Integer> tries = new EnumMap<>(Kernel.class);
        ProjectGenerator generator = new ProjectGenerator();
        for (OpKind kind : RandomModels.KINDS) {
            for (int s = 0; s < SEEDS; s++) {
                long seed = 7000 + 1000L * kind.ordinal() + s;
                Int8Model m = RandomModels.probe(kind, seed);
                TensorSpec out = m.output();
                int pixels = out.height() * out.width();
                if (kind != OpKind.FULLY_CONNECTED && (pixels <= 8 || pixels % 8 == 0)) {
                    continue;
                }
                boolean weights = m.ops().stream().anyMatch(op -> op.weights() != null);
                for (FormatPolicy policy : weights ? List.of(FormatPolicy.DENSE, FormatPolicy.SPARSE)
                        : List.of(FormatPolicy.AUTO)) {
                    List<Kernel> kernels = m.ops().stream()
                            .map(op -> KernelSelector.kernelFor(op, policy == FormatPolicy.SPARSE && op.weights() != null))
                            .toList();
                    if (kernels.stream().allMatch(k -> tries.getOrDefault(k, 0) >= TRIES_PER_KERNEL)) {
                        continue;
                    }
                    kernels.forEach(k -> tries.merge(k, 1, Integer::sum));
                    ProjectGenerator.Rendered r = generator.render(m, GenerateOptions.of(Path.of("unused"))
                            .withBoard("qemu-mps2-an386").withPolicy(policy));
                    Set<String> variants = kernelsIn(new String(r.files().get("report.txt"), StandardCharsets.UTF_8));
                    if (!covered.containsAll(variants)) {
                        covered.addAll(variants);
                        probes.add(new Probe(m, policy, variants));
                    }
                }
            }
        }
        for (Kernel k : Kernel.values()) {
            if (!k.external()) {
                assertTrue(covered.contains(k.function) || covered.contains(k.function + " (in place)"),
                        "no probe runs " + k.function + "; covered: " + covered);
            }
        }
        return probes;
    }

    /** The kernel column of report.txt's layer table ("pqk_name" or "pqk_name (in place)"). */
    private static Set<String> kernelsIn(String report) {
        Set<String> kernels = new LinkedHashSet<>();
        boolean table = false;
        for (String line : report.split("\n")) {
            if (line.startsWith("#   layer")) {
                table = true;
            } else if (table && line.isBlank()) {
                break;
            } else if (table) {
                int at = line.indexOf(" pqk_");
                if (at >= 0) {
                    kernels.add(line.substring(at + 1).strip());
                }
            }
        }
        return kernels;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qemu-mps2-an386", "qemu-mps2-an385"})
    void everyKernelMatchesTheReferenceOnRandomShapes(String board) {
        List<Probe> probes = probes();
        for (Probe p : probes) {
            Int8Model m = p.model();
            List<byte[]> inputs = HostBitExactnessTest.inputs(m, m.name().hashCode());
            Int8Interpreter java = new Int8Interpreter(m);
            Path dir = tmp.resolve(m.name() + "-" + p.policy());
            new ProjectGenerator().generate(m, GenerateOptions.of(dir).withBoard(board).withPolicy(p.policy())
                    .withTestVectors(inputs));
            DeviceRunResult device = DeviceRun.run(ProjectInfo.read(dir));
            String where = m.name() + " (" + m.input().shapeString() + " -> " + m.output().shapeString() + ") on "
                    + board + ", " + p.policy() + ", " + p.variants();
            assertTrue(device.firmwarePassed(), where + ": the firmware reported a mismatch");
            assertEquals(inputs.size(), device.vectors().size(), where);
            for (VectorResult v : device.vectors()) {
                assertArrayEquals(java.run(inputs.get(v.index())), v.logits(), where + ", input " + v.index());
            }
        }
    }
}
