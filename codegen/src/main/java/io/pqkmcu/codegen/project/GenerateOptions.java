package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.codegen.fit.ResourceUsage;
import io.pqkmcu.codegen.format.FormatPolicy;
import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.stream.StreamInput;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What to generate: the target board, the output directory, the layer format policy with per-layer
 * overrides, the firmware's test vectors and the Java package of the JNA binding.
 *
 * @param boardId           board id from the board catalog, or {@link #HOST} for a project without firmware board
 * @param outputDir         directory to write (created; replaced if an earlier pqk generation is there)
 * @param policy            format for layers without an override
 * @param overrides         per-layer forced format, by layer name
 * @param tests             inputs the firmware runs and checks against the Java reference (int8 vectors or
 *                          audio clips); when empty, {@link io.pqkmcu.codegen.firmware.TestData#DEFAULT_VECTORS} seeded random vectors
 * @param javaPackage       package of the generated JNA interface
 * @param stackReserveBytes RAM beyond the arena that the fit check keeps for stack and runtime
 * @param kernels           who runs the dense layers with weights: pqk's kernels or ARM's CMSIS-NN
 * @param cmsisNn           the CMSIS-NN source tree written into the Makefile as the default of its CMSIS_NN
 *                          variable, or null (then `make ... CMSIS_NN=/path` must name it)
 * @param stream            the audio stream a streaming keyword-spotting firmware listens to, or null for the
 *                          test firmware (see io.pqkmcu.codegen.firmware.FirmwareApp)
 */
public record GenerateOptions(String boardId, Path outputDir, FormatPolicy policy, SortedMap<String, LayerFormat> overrides,
                              TestInputs tests, String javaPackage, long stackReserveBytes, KernelLibrary kernels,
                              Path cmsisNn, StreamInput stream) {
    /** The pseudo board: host build and JNA only, no firmware board files. */
    public static final String HOST = "host";
    public static final String DEFAULT_PACKAGE = "io.pqkmcu.generated";

    public GenerateOptions {
        overrides = new TreeMap<>(overrides);
        if (!javaPackage.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
            throw new IllegalArgumentException("'" + javaPackage + "' is not a valid lower-case Java package name");
        }
        if (stackReserveBytes < 0) {
            throw new IllegalArgumentException("stack reserve must not be negative");
        }
        if (kernels == null) {
            throw new IllegalArgumentException("kernel library must be given");
        }
        if (cmsisNn != null && kernels != KernelLibrary.CMSIS_NN) {
            throw new IllegalArgumentException("a CMSIS-NN path only makes sense with --kernels cmsis-nn");
        }
    }

    public static GenerateOptions of(Path outputDir) {
        return new GenerateOptions(HOST, outputDir, FormatPolicy.AUTO, new TreeMap<>(), TestInputs.none(), DEFAULT_PACKAGE,
                ResourceUsage.DEFAULT_STACK_RESERVE, KernelLibrary.PQK, null, null);
    }

    public GenerateOptions withBoard(String board) {
        return new GenerateOptions(board, outputDir, policy, overrides, tests, javaPackage, stackReserveBytes,
                kernels, cmsisNn, stream);
    }

    public GenerateOptions withPolicy(FormatPolicy p) {
        return new GenerateOptions(boardId, outputDir, p, overrides, tests, javaPackage, stackReserveBytes,
                kernels, cmsisNn, stream);
    }

    public GenerateOptions withOverride(String layer, LayerFormat format) {
        TreeMap<String, LayerFormat> o = new TreeMap<>(overrides);
        o.put(layer, format);
        return new GenerateOptions(boardId, outputDir, policy, o, tests, javaPackage, stackReserveBytes,
                kernels, cmsisNn, stream);
    }

    /** int8 model inputs for the test firmware. */
    public GenerateOptions withTestVectors(List<byte[]> vectors) {
        return withTests(TestInputs.vectors(vectors));
    }

    /** Audio clips (with class indices, −1 if unknown) that the test firmware runs through the front end. */
    public GenerateOptions withTestClips(List<short[]> clips, List<Integer> labels) {
        return withTests(TestInputs.clips(clips, labels));
    }

    public GenerateOptions withTests(TestInputs t) {
        return new GenerateOptions(boardId, outputDir, policy, overrides, t, javaPackage, stackReserveBytes,
                kernels, cmsisNn, stream);
    }

    /** A streaming keyword-spotting firmware over {@code s} instead of the test firmware. */
    public GenerateOptions withStream(StreamInput s) {
        return new GenerateOptions(boardId, outputDir, policy, overrides, tests, javaPackage, stackReserveBytes, kernels,
                cmsisNn, s);
    }

    public GenerateOptions withJavaPackage(String pkg) {
        return new GenerateOptions(boardId, outputDir, policy, overrides, tests, pkg, stackReserveBytes,
                kernels, cmsisNn, stream);
    }

    public GenerateOptions withStackReserve(long bytes) {
        return new GenerateOptions(boardId, outputDir, policy, overrides, tests, javaPackage, bytes,
                kernels, cmsisNn, stream);
    }

    /** Who runs the dense layers with weights (no default CMSIS-NN path). */
    public GenerateOptions withKernels(KernelLibrary library) {
        return new GenerateOptions(boardId, outputDir, policy, overrides, tests, javaPackage, stackReserveBytes, library,
                null, stream);
    }

    /** Dense layers with weights run by ARM's CMSIS-NN; {@code path} (may be null) becomes the Makefile's default CMSIS_NN. */
    public GenerateOptions withCmsisNn(Path path) {
        return new GenerateOptions(boardId, outputDir, policy, overrides, tests, javaPackage, stackReserveBytes,
                KernelLibrary.CMSIS_NN, path == null ? null : path.toAbsolutePath().normalize(), stream);
    }

    /** The format forced for a layer by its override or the policy, or null when the chooser decides. */
    public LayerFormat forcedFormat(String layer) {
        LayerFormat o = overrides.get(layer);
        if (o != null) {
            return o;
        }
        switch (policy) {
            case DENSE:
                return LayerFormat.DENSE;
            case SPARSE:
                return LayerFormat.SPARSE;
            default:
                return null;
        }
    }
}
