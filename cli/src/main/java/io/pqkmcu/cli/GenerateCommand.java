package io.pqkmcu.cli;

import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.KernelLibrary;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.trainer.data.Split;
import io.pqkmcu.trainer.model.Int8Model;
import io.pqkmcu.trainer.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
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
        if (data != null) {
            if (testClips <= 0) {
                throw new IllegalArgumentException("--test-clips must be positive");
            }
            o = o.withTests(TestClips.from(data, Split.TEST, testClips, model));
        }
        GeneratedProject p = new ProjectGenerator().generate(model, o);
        System.out.print(readText(p.root().resolve("plan.txt")));
        System.out.print(readText(p.root().resolve("report.txt")));
        System.out.println("wrote " + p.files().size() + " files to " + p.root());
        return 0;
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
