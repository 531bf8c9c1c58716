package io.pqkmcu.cli;

import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.images.ImageFiles;
import io.pqkmcu.codegen.images.ImageInputs;
import io.pqkmcu.codegen.images.PixelScaling;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.KernelLibrary;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.stream.StreamConfig;
import io.pqkmcu.codegen.stream.StreamInput;
import io.pqkmcu.codegen.stream.StreamScore;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.data.WavFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pqk generate}: turn a .pqkm model into a C project for a board. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a C project from an int8 model: CMSIS-NN-style kernels, dense or sparse (PQKS1) weight "
                + "tables per layer, a static memory plan, the integer front end, board startup and linker script, "
                + "test firmware, a Makefile and a JNA binding. Prints the memory plan and the per-layer choices.")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = ".pqkm model file")
    Path modelPath;

    @Option(names = "--board", description = "target board (see pqk boards), or 'host' for the host library only "
            + "(default: ${DEFAULT-VALUE})")
    String board = "qemu-mps2-an386";

    @Option(names = "--out", required = true, description = "project folder to write (replaced if pqk generated it)")
    Path out;

    @Option(names = "--format", description = "AUTO (cost model), DENSE or SPARSE for every layer (default: ${DEFAULT-VALUE})")
    FormatPolicy format = FormatPolicy.AUTO;

    @Option(names = "--layer-format", split = ",", paramLabel = "LAYER=FORMAT",
            description = "per-layer override, e.g. pw1=sparse,fc=dense")
    Map<String, LayerFormat> layerFormats = new java.util.LinkedHashMap<>();

    @Option(names = "--data", description = "dataset whose test clips the firmware runs (keyword-spotting models)")
    Path data;

    @Option(names = "--test-clips", description = "number of test clips stored in flash (default: ${DEFAULT-VALUE})")
    int testClips = 20;

    @Option(names = "--images", paramLabel = "PATH", description = "test images for an image model: a folder of "
            + "PGM/PPM files, an IDX3 file (MNIST, Fashion-MNIST; .gz too) or a CIFAR-10 .bin batch")
    Path images;

    @Option(names = "--image-labels", paramLabel = "FILE", description = "IDX1 labels for --images given as IDX3")
    Path imageLabels;

    @Option(names = "--test-images", description = "number of test images stored in flash (default: ${DEFAULT-VALUE})")
    int testImages = 20;

    @Option(names = "--inputs", split = ",", paramLabel = "PATH",
            description = "raw int8 input tensors as test vectors (what pqk run takes): .bin files, or folders whose "
                    + ".bin files are taken in natural name order")
    List<Path> inputs;

    @Option(names = "--pixels", description = "how 8-bit pixels become the model's real input: UNIT (p/255), SIGNED "
            + "(p/127.5-1) or RAW (p), then the input quantization (default: ${DEFAULT-VALUE})")
    PixelScaling pixels = PixelScaling.UNIT;

    /** What the firmware application does. */
    enum Mode { TEST, STREAM }

    @Option(names = "--mode", description = "firmware application: TEST (inputs in flash, checked against the Java "
            + "reference) or STREAM (keyword spotting over --stream) (default: TEST, or STREAM with --stream)")
    Mode mode;

    @Option(names = "--stream", paramLabel = "FILE.wav",
            description = "audio stream for --mode STREAM: mono 16-bit WAV at the front end's rate, any length; a "
                    + "FILE.csv beside it (word,start_ms,end_ms, as pqk data stream writes) lets pqk simulate score it")
    Path stream;

    @Option(names = "--hop-ms", description = "stream: ms between window starts (default: ${DEFAULT-VALUE})")
    int hopMs = 250;

    @Option(names = "--smoothing", description = "stream: windows whose posteriors are averaged (default: ${DEFAULT-VALUE})")
    int smoothing = 3;

    @Option(names = "--threshold", description = "stream: smoothed posterior a keyword must reach, 0..1 "
            + "(default: ${DEFAULT-VALUE})")
    double threshold = 0.5;

    @Option(names = "--refractory-ms", description = "stream: no detection this soon after the last one "
            + "(default: ${DEFAULT-VALUE})")
    int refractoryMs = 1000;

    @Option(names = "--java-package", description = "package of the generated JNA binding (default: ${DEFAULT-VALUE})")
    String javaPackage = GenerateOptions.DEFAULT_PACKAGE;

    @Option(names = "--kernels", paramLabel = "pqk|cmsis-nn", converter = KernelLibraryConverter.class,
            description = "who runs the dense convolutions, depthwise and fully connected layers: pqk's kernels, or ARM's "
                    + "CMSIS-NN (v7 API; the build then needs CMSIS_NN=/path, see --cmsis-nn) (default: pqk)")
    KernelLibrary kernels = KernelLibrary.PQK;

    @Option(names = "--cmsis-nn", paramLabel = "DIR", description = "CMSIS-NN source tree written into the Makefile as "
            + "the default of CMSIS_NN (implies --kernels cmsis-nn)")
    Path cmsisNn;

    @Override
    public Integer call() {
        Int8Model model = ModelFile.read(modelPath);
        if (model.frontEnd() != null || data != null || images != null) {
            // a keyword spotter, or a model checked on labelled inputs: both classify (any other graph may be a probe)
            EvalCommand.requireClassifier(modelPath, model);
        }
        GenerateOptions o = GenerateOptions.of(out).withBoard(board).withPolicy(format).withJavaPackage(javaPackage);
        if (cmsisNn != null) {
            if (!Files.isRegularFile(cmsisNn.resolve("Include/arm_nnfunctions.h"))) {
                throw new IllegalArgumentException("--cmsis-nn " + cmsisNn + " is not a CMSIS-NN source tree (no "
                        + "Include/arm_nnfunctions.h); clone github.com/ARM-software/CMSIS-NN and pass its folder");
            }
            o = o.withCmsisNn(cmsisNn);
        } else if (kernels != KernelLibrary.PQK) {
            o = o.withKernels(kernels);
        }
        for (Map.Entry<String, LayerFormat> e : layerFormats.entrySet()) {
            o = o.withOverride(e.getKey(), e.getValue());
        }
        if (images != null) {
            if (data != null || stream != null) {
                throw new IllegalArgumentException("--images are the test inputs of an image model; drop --data/--stream");
            }
            o = o.withTests(ImageInputs.of(model, ImageFiles.read(images, imageLabels, testImages), pixels,
                    (imageLabels != null ? imageLabels : images).toString()));
        } else if (imageLabels != null) {
            throw new IllegalArgumentException("--image-labels needs --images");
        }
        if (inputs != null) {
            if (images != null || data != null || stream != null) {
                throw new IllegalArgumentException("--inputs are the test vectors; drop --images/--data/--stream");
            }
            o = o.withTests(RawInputFiles.read(inputs, model));
        }
        if (mode == Mode.STREAM || stream != null) {
            o = o.withStream(streamInput(model));
        }
        if (data != null) {
            if (testClips <= 0) {
                throw new IllegalArgumentException("--test-clips must be positive");
            }
            o = o.withTests(TestClips.from(data, Split.TEST, testClips, model));
        }
        GeneratedProject p = new ProjectGenerator().generate(model, o);
        if (data != null) {
            // which clip each test input is, so that pqk simulate can name it
            io.pqkmcu.model.util.AtomicFiles.writeString(p.root().resolve(TestClips.NAMES_FILE),
                    String.join("\n", TestClips.names(data, Split.TEST, testClips, model)) + "\n");
        }
        System.out.print(readText(p.root().resolve("plan.txt")));
        System.out.print(readText(p.root().resolve("report.txt")));
        System.out.println("wrote " + p.files().size() + " files to " + p.root());
        return 0;
    }

    private StreamInput streamInput(Int8Model model) {
        if (stream == null) {
            throw new IllegalArgumentException("--mode stream needs --stream FILE.wav, the audio the firmware listens to");
        }
        if (mode == Mode.TEST) {
            throw new IllegalArgumentException("--stream gives the audio of a stream firmware; drop --mode test or use "
                    + "--mode stream");
        }
        if (data != null) {
            throw new IllegalArgumentException("--data picks test clips for the test firmware; a stream firmware runs "
                    + "--stream instead");
        }
        if (model.frontEnd() == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no audio front end; --mode stream is "
                    + "for keyword-spotting models");
        }
        String problem = io.pqkmcu.model.util.PathProblems.notAFile(stream);
        if (problem != null) {
            throw new IllegalArgumentException("--stream " + stream + ": " + problem);
        }
        int rate = model.frontEnd().sampleRate();
        short[] audio = WavFile.readKwsClip(stream, rate);
        // pqk data stream writes the planted words beside the WAV; the project keeps them for pqk simulate.
        Path csv = stream.resolveSibling(stream.getFileName().toString().replaceFirst("(?i)\\.wav$", "") + ".csv");
        return new StreamInput(audio, StreamConfig.of(rate, hopMs, smoothing, threshold, refractoryMs),
                Files.isRegularFile(csv) ? StreamScore.read(csv) : List.of());
    }

    /** "pqk" or "cmsis-nn" (also the enum names, any case). */
    static final class KernelLibraryConverter implements picocli.CommandLine.ITypeConverter<KernelLibrary> {
        @Override
        public KernelLibrary convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (v.equals("pqk")) {
                return KernelLibrary.PQK;
            }
            if (v.equals("cmsis-nn") || v.equals("cmsis")) {
                return KernelLibrary.CMSIS_NN;
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a kernel library; use pqk or cmsis-nn");
        }
    }

    static String readText(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
