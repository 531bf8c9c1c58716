package io.pqkmcu.codegen.bench;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.ProjectBuild;
import io.pqkmcu.codegen.device.StreamRunResult;
import io.pqkmcu.codegen.emulator.FirmwareSize;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.codegen.project.ResourceEstimator;
import io.pqkmcu.codegen.sparse.SparseTable;
import io.pqkmcu.codegen.stream.FrameReuse;
import io.pqkmcu.codegen.stream.StreamConfig;
import io.pqkmcu.codegen.stream.StreamInput;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.RandomModels;
import io.pqkmcu.model.frontend.FrontEndConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures one model on one board in one variant: generates the project with a few random int8 test
 * vectors, builds the firmware, runs it under QEMU with -icount, and collects flash (from the generator's
 * tables and the linker map), RAM (memory plan and firmware sections) and instructions per inference.
 * The firmware checks every logit against the Java int8 reference, so a count is only reported for a
 * bit-exact run. Then the same model runs as a stream firmware (front end + model + detector, 250 ms hops
 * over a few seconds of seeded noise, every window's logits checked against the Java twin): its first
 * window gives the front end's instructions per frame, its warm windows the cost of a hop. A model
 * without a front end gets the default MFCC front end when its input is 49x10x1, as DS-CNN-S's is.
 */
public final class FirmwareBench {
    /** The input section of the test firmware's data blobs (firmware/test_data.S). */
    static final String TEST_DATA_SECTION = ".rodata.pqk_test_data";
    /** Per-channel bytes of CMSIS-NN's bias, multiplier and shift arrays. */
    static final int CMSIS_CHANNEL_BYTES = 12;

    private FirmwareBench() {}

    /**
     * @param sparsity the fraction of zero weights to report (over all layers with weights)
     * @param dir      the project folder to write (replaced)
     * @param cmsisNn  the CMSIS-NN tree for {@link BenchVariant#CMSIS_NN}, else ignored
     * @param vectors  random int8 inputs the firmware runs (the median count is reported)
     */
    public static BenchResult measure(Int8Model model, double sparsity, String board, BenchVariant variant, Path dir,
                                      Path cmsisNn, int vectors, long seed) {
        GenerateOptions options = GenerateOptions.of(dir).withBoard(board);
        switch (variant) {
            case DENSE:
                options = options.withPolicy(FormatPolicy.DENSE);
                break;
            case SPARSE:
                options = options.withPolicy(FormatPolicy.SPARSE);
                break;
            case CMSIS_NN:
                options = options.withPolicy(FormatPolicy.DENSE).withCmsisNn(cmsisNn);
                break;
            default:
                break;
        }
        Random rnd = new Random(seed);
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < vectors; i++) {
            inputs.add(RandomModels.randomInput(model, rnd));
        }
        StreamCost stream = streamCost(model, options, dir.resolveSibling(dir.getFileName() + "-stream"), seed);
        GeneratedProject p = new ProjectGenerator().generate(model, options.withTestVectors(inputs));
        ProjectInfo info = ProjectInfo.read(p.root());
        FirmwareSize size = ProjectBuild.firmware(info).size();
        DeviceRunResult run = DeviceRun.run(info);
        long weights = 0;
        long index = 0;
        long channels = 0;
        long nonZeros = 0;
        int sparseLayers = 0;
        long tableBytes = 0;
        long tableNonZeros = 0;
        for (LayerFormatChoice c : p.layerFormats()) {
            if (c.format() == LayerFormat.SPARSE) {
                SparseTable t = c.table();
                long valueBits = (long) t.nonZeros() * t.valueBits();
                long total = t.streamBytes();
                long valueBytes = Math.round((double) total * valueBits / Math.max(1, t.totalBits()));
                weights += valueBytes;
                index += total - valueBytes;
                sparseLayers++;
                tableBytes += total;
                tableNonZeros += t.nonZeros();
            } else {
                weights += c.denseBytes();
            }
        }
        for (Op op : model.ops()) {
            if (op.weights() != null) {
                channels += (long) op.weights().outputChannels()
                        * (variant == BenchVariant.CMSIS_NN ? CMSIS_CHANNEL_BYTES : ResourceEstimator.CHANNEL_QUANT_BYTES);
                nonZeros += op.weights().nonZeroCount();
            }
        }
        Path map = p.root().resolve("build/" + board + "/firmware.map");
        // pqk's kernels and support functions, or the CMSIS-NN objects plus pqk's kernels for the other ops
        long code = MapFileSizes.textBytes(map, List.of("/src/kernels/", "/cmsis-nn/"));
        // the image without the test inputs and expected logits that test_data.S places in flash
        long firmwareFlash = size.flashBytes() - MapFileSizes.sectionBytes(map, TEST_DATA_SECTION);
        return new BenchResult(model.name(), sparsity, board, variant, sparseLayers, p.layerFormats().size(), weights, index,
                channels, code, p.plan().arenaSize(), size.ramBytes(), firmwareFlash, run.medianModelInstructions(),
                nonZeros, tableBytes, tableNonZeros, run.firmwarePassed() && run.bitExact() == run.vectors().size()
                        && (stream == null || stream.bitExact()),
                stream == null ? 0 : stream.frontEndPerFrame(), stream == null ? 0 : stream.hopInstructions());
    }

    /** Windows of the bench stream: two cold (one per frame grid of a 250 ms hop), five warm. */
    static final int STREAM_WINDOWS = 7;

    /**
     * @param frontEndPerFrame the first window's front-end instructions over its frames (every frame computed)
     * @param hopInstructions  median over the warm windows of front end + model + detector instructions
     */
    record StreamCost(long frontEndPerFrame, long hopInstructions, boolean bitExact) {}

    /** The stream measurement, or null for a model without a front end whose input is not 49x10x1. */
    static StreamCost streamCost(Int8Model model, GenerateOptions options, Path dir, long seed) {
        Int8Model m = model;
        if (m.frontEnd() == null) {
            FrontEndConfig fe = FrontEndConfig.mfccDefault();
            if (m.input().height() != fe.frames() || m.input().width() != fe.featuresPerFrame() || m.input().channels() != 1) {
                return null;
            }
            m = new Int8Model(m.name(), m.labels(), fe, m.tensors(), m.ops(), m.inputId(), m.outputId(), m.metadata());
        }
        FrontEndConfig fe = m.frontEnd();
        StreamConfig cfg = StreamConfig.defaults(fe.sampleRate());
        // Noise whose level changes every 50 ms, so frames normalise differently (seeded: deterministic).
        Random rnd = new Random(seed);
        short[] audio = new short[fe.clipSamples() + (STREAM_WINDOWS - 1) * cfg.hopSamples()];
        double level = 1000;
        for (int i = 0; i < audio.length; i++) {
            if (i % 800 == 0) {
                level = Math.pow(10, 1 + 3 * rnd.nextDouble());
            }
            audio[i] = (short) Math.max(-32768, Math.min(32767, Math.round(rnd.nextGaussian() * level)));
        }
        GenerateOptions o = new GenerateOptions(options.boardId(), dir, options.policy(), options.overrides(), options.tests(),
                options.javaPackage(), options.stackReserveBytes(), options.kernels(), options.cmsisNn(), null);
        GeneratedProject p = new ProjectGenerator().generate(m, o.withStream(new StreamInput(audio, cfg)));
        StreamRunResult r = DeviceRun.runStream(ProjectInfo.read(p.root()), Duration.ofMinutes(10));
        if (r.windows().size() != STREAM_WINDOWS) {
            throw new IllegalStateException("the bench stream ran " + r.windows().size() + " windows, not " + STREAM_WINDOWS);
        }
        FrameReuse reuse = FrameReuse.of(fe, cfg.hopSamples());
        int cold = Math.max(1, reuse.phases());
        long[] warm = new long[STREAM_WINDOWS - cold];
        for (int k = cold; k < STREAM_WINDOWS; k++) {
            warm[k - cold] = r.windows().get(k).frontEndInstructions() + r.windows().get(k).modelInstructions()
                    + r.detectorInstructions()[k];
        }
        java.util.Arrays.sort(warm); // five warm windows: the middle one is the median
        return new StreamCost(r.windows().get(0).frontEndInstructions() / fe.frames(), warm[warm.length / 2],
                r.firmwarePassed());
    }

    /** The overall fraction of zero weights of a model's layers with weights. */
    public static double sparsity(Int8Model model) {
        long total = 0;
        long zeros = 0;
        for (Op op : model.ops()) {
            if (op.weights() != null) {
                total += op.weights().data().length;
                zeros += op.weights().data().length - op.weights().nonZeroCount();
            }
        }
        return total == 0 ? 0 : (double) zeros / total;
    }
}
