package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.firmware.FirmwareApp;
import io.pqkmcu.codegen.fit.ResourceUsage;
import io.pqkmcu.codegen.format.InstructionModel;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.codegen.frontend.FrontEndFiles;
import io.pqkmcu.codegen.frontend.FrontEndProvider;
import io.pqkmcu.codegen.jna.JnaBindingGenerator;
import io.pqkmcu.codegen.jna.ModelApi;
import io.pqkmcu.codegen.plan.MemoryPlan;
import io.pqkmcu.codegen.render.TemplateRenderer;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.Version;
import io.pqkmcu.model.frontend.FrontEndConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an {@link Int8Model} into a self-contained C project (the entry point of code generation):
 * <pre>
 *   include/          pqk_common.h, pqk_kernels.h, model.h (sizes, quantization, labels, arena, API)
 *   src/              model.c (op sequence, static params, static arena), model_weights.c/.h
 *   src/kernels/      only the kernels the model uses and the support functions they call
 *   src/frontend/...  the audio front end, when the model has one
 *   firmware/         main.c test-vector app, test_vectors.c/.h, board/ (startup, runtime, linker script)
 *   java/             the JNA binding (JnaBindingGenerator)
 *   Makefile          host (build/host/libpqkmodel.so), firmware, size
 *   plan.txt          the memory plan; report.txt: per-layer format, flash, scratch, bytes per non-zero
 * </pre>
 * Everything is computed and checked in memory first (supported shapes, overrides, board fit), then
 * written in one step, so a refused model leaves nothing behind. Output is deterministic: the same
 * model and options give byte-identical files.
 */
public final class ProjectGenerator {
    private final BoardResolver boards;
    private final FrontEndProvider frontEnd;

    /** The generator with every board of the catalog and the integer audio front end. */
    public ProjectGenerator() {
        this(new CatalogBoards(), new FrontEndFiles());
    }

    /**
     * @param boards   resolves firmware boards by id
     * @param frontEnd renders front-end sources, or null when this build has none (models with a front
     *                 end are then refused)
     */
    public ProjectGenerator(BoardResolver boards, FrontEndProvider frontEnd) {
        this.boards = boards;
        this.frontEnd = frontEnd;
    }

    /** Generates the project and writes it to {@code options.outputDir()}. */
    public GeneratedProject generate(Int8Model model, GenerateOptions options) {
        Rendered r = render(model, options);
        ProjectWriter.write(options.outputDir(), r.files());
        return new GeneratedProject(options.outputDir().toAbsolutePath().normalize(), new ArrayList<>(r.files().keySet()),
                r.symbol(), r.javaInterface(), r.javaSource(), r.plan(), r.layerFormats(), r.usage());
    }

    /** The generated files in memory (project-relative path → content), for tests and dry runs. */
    public record Rendered(SortedMap<String, byte[]> files, String symbol, String javaInterface, String javaSource,
                           MemoryPlan plan, List<LayerFormatChoice> layerFormats, ResourceUsage usage) {}

    /** Computes every file without writing anything. */
    public Rendered render(Int8Model model, GenerateOptions options) {
        FirmwareBoard board = validate(model, options);
        String checksum = ModelFile.checksum(model);
        String header = headerText(model, checksum);
        ProjectView.Model names = ProjectView.Model.of(model.name(), checksum);
        InstructionModel costs = InstructionModel.forCore(board == null || board.dsp());
        FirmwareApp app = FirmwareApp.of(model, options.tests(), options.stream(), Long.parseLong(checksum, 16));
        int feScratch = model.frontEnd() == null ? 0 : frontEnd.scratchBytes(model.frontEnd());
        Compilation compiled = Compilation.fit(model, options, board, costs, app, feScratch);

        SortedMap<String, byte[]> files = new TreeMap<>();
        List<String> modelSources = new ArrayList<>(List.of("src/model.c", "src/model_weights.c"));
        modelSources.addAll(RuntimeFiles.copy(compiled.kernels(), files));
        String feSymbol = names.sym() + "_frontend_config";
        modelSources.addAll(writeFrontEnd(model, checksum, feSymbol, files));
        ProjectView.FrontEnd feView = ProjectView.FrontEnd.of(model.frontEnd(), feSymbol, feScratch, compiled.plan());
        ProjectView.Board boardView = writeBoardFiles(options.boardId(), board, files);
        ProjectView view = projectView(model, options, header, names, compiled, app, feView, boardView, modelSources);
        renderTemplates(view, app, files);
        files.putAll(app.renodeFiles(options.boardId(), model.name(), checksum, header));
        writeReports(model, options, header, board, compiled, costs, files);
        JavaBinding java = writeJavaBinding(model, options, header, checksum, compiled.plan(), files);
        writeProjectInfo(model, options, header, checksum, app, java, files);
        return new Rendered(files, names.sym(), java.typeName(), java.source(), compiled.plan(),
                compiled.formatChoices(), compiled.usage());
    }

    /** The first comment of every generated file. */
    private static String headerText(Int8Model model, String checksum) {
        return "Generated by " + Version.GENERATOR + " from model '" + CNames.commentSafe(model.name())
                + "' (CRC-32C " + checksum + "). Do not edit.";
    }

    /**
     * Checks what can be checked before compiling (supported ops and shapes, format overrides, the board id,
     * a front-end generator for a model with a front end) and returns the firmware board, null for the host.
     */
    private FirmwareBoard validate(Int8Model model, GenerateOptions options) {
        ModelSupport.check(model);
        checkOverrides(model, options);
        FirmwareBoard board = resolveBoard(options.boardId());
        if (model.frontEnd() != null && frontEnd == null) {
            throw new UnsupportedModelException("model '" + model.name() + "' has an audio front end, but this pqk "
                    + "build has no front-end code generator; generate the model without its front end or use a "
                    + "build that includes io.pqkmcu.codegen.frontend");
        }
        return board;
    }

    /** Writes the front end's files, when the model has one; returns its C sources, in name order. */
    private List<String> writeFrontEnd(Int8Model model, String checksum, String configSymbol,
                                       SortedMap<String, byte[]> files) {
        FrontEndConfig fe = model.frontEnd();
        if (fe == null) {
            return List.of();
        }
        TensorSpec in = model.input();
        TreeSet<String> sources = new TreeSet<>();
        for (Map.Entry<String, String> f : frontEnd.files(fe, in.scale(), in.zeroPoint(), configSymbol,
                "model '" + CNames.commentSafe(model.name()) + "' (CRC-32C " + checksum + ")").entrySet()) {
            putText(files, f.getKey(), f.getValue());
            if (f.getKey().endsWith(".c")) {
                sources.add(f.getKey());
            }
        }
        return new ArrayList<>(sources);
    }

    /**
     * Writes the board's runtime files under {@code firmware/board/} and returns the board as the Makefile
     * sees it (flags, sources in C and assembler, linker script); {@code board} null: the host only.
     */
    private static ProjectView.Board writeBoardFiles(String boardId, FirmwareBoard board,
                                                     SortedMap<String, byte[]> files) {
        List<String> sources = new ArrayList<>();
        if (board != null) {
            for (Map.Entry<String, String> f : board.files().entrySet()) {
                String path = "firmware/board/" + f.getKey();
                putText(files, path, f.getValue());
                if (path.endsWith(".c") || path.endsWith(".s") || path.endsWith(".S")) {
                    sources.add(path);
                }
            }
        }
        return ProjectView.Board.of(boardId, board, sources);
    }

    /** Everything the templates print: names, tensors, layers and weights, front end, tests, board and build. */
    private static ProjectView projectView(Int8Model model, GenerateOptions options, String header,
                                           ProjectView.Model names, Compilation compiled, FirmwareApp app,
                                           ProjectView.FrontEnd frontEnd, ProjectView.Board board,
                                           List<String> modelSources) {
        MemoryPlan plan = compiled.plan();
        List<LayerView> layerViews = new ArrayList<>();
        List<WeightsView> weightViews = new ArrayList<>();
        for (CompiledLayer l : compiled.layers()) {
            layerViews.add(LayerViews.layer(l, model, plan, names.sym()));
            if (l.choice() != null) {
                weightViews.add(LayerViews.weights(l, names.sym(), model.tensor(l.op().output()).zeroPoint()));
            }
        }
        List<String> labels = new ArrayList<>();
        for (String label : model.labels()) {
            labels.add(CNames.cString(label));
        }
        boolean cmsisNn = compiled.kernels().stream().anyMatch(Kernel::external);
        String cmsisNnPath = options.cmsisNn() == null ? "" : options.cmsisNn().toString();
        return new ProjectView(header, names,
                ProjectView.Tensor.of(model.input(), plan), ProjectView.Tensor.of(model.output(), plan),
                plan.arenaSize(), labels, layerViews, weightViews, frontEnd,
                new ProjectView.Tests(app.audio(), app.count()), board,
                new ProjectView.Build(modelSources, cmsisNn, cmsisNnPath, KernelPaths.defines(compiled.layers(), model.frontEnd())
                        + (frontEnd.cmn() ? " -DPQK_FRONTEND_CMN=1" : "")));
    }

    /**
     * The model's C sources and header, its weights and the Makefile, from the templates; then the firmware
     * application's files (main.c, its data), which read the same view.
     */
    private static void renderTemplates(ProjectView view, FirmwareApp app, SortedMap<String, byte[]> files) {
        Map<String, Object> data = app.templateData(view);
        putText(files, "include/model.h", TemplateRenderer.render("model_h.ftl", data));
        putText(files, "src/model.c", TemplateRenderer.render("model_c.ftl", data));
        putText(files, "src/model_weights.h", TemplateRenderer.render("model_weights_h.ftl", data));
        putText(files, "src/model_weights.c", TemplateRenderer.render("model_weights_c.ftl", data));
        putText(files, "Makefile", TemplateRenderer.render("makefile.ftl", data));
        files.putAll(app.files(data, view.headerText()));
    }

    /** plan.txt (the memory plan), report.txt (per-layer formats and resources) and the project marker. */
    private static void writeReports(Int8Model model, GenerateOptions options, String header, FirmwareBoard board,
                                     Compilation compiled, InstructionModel costs, SortedMap<String, byte[]> files) {
        putText(files, "plan.txt", Reports.plan(header, model, compiled.plan()));
        putText(files, "report.txt", Reports.report(header, model, options.boardId(), compiled.layers(),
                compiled.usage(), board == null ? null : board.limits(), costs));
        putText(files, ProjectWriter.MARKER, header + "\n");
    }

    /** The model file itself and project.properties, which {@link ProjectInfo#read} reads back. */
    private static void writeProjectInfo(Int8Model model, GenerateOptions options, String header, String checksum,
                                         FirmwareApp app, JavaBinding java, SortedMap<String, byte[]> files) {
        files.put(ProjectInfo.MODEL_FILE, ModelFile.toBytes(model));
        putText(files, ProjectInfo.FILE, ProjectInfo.describe(header, model, checksum, options.boardId(), app,
                java.typeName(), java.source()));
    }

    /** The JNA binding's Java type (fully qualified) and its project-relative source. */
    private record JavaBinding(String typeName, String source) {}

    private static JavaBinding writeJavaBinding(Int8Model model, GenerateOptions options, String header,
                                                String checksum, MemoryPlan plan, SortedMap<String, byte[]> files) {
        String typeName = CNames.javaType(model.name()) + "Model";
        String source = "java/" + options.javaPackage().replace('.', '/') + "/" + typeName + ".java";
        ModelApi api = new ModelApi(model.name(), checksum, ModelApi.Tensor.of(model.input()),
                ModelApi.Tensor.of(model.output()), plan.arenaSize(), model.labels(), ModelApi.Audio.of(model.frontEnd()));
        putText(files, source, JnaBindingGenerator.generate(options.javaPackage(), typeName, api, header));
        return new JavaBinding(options.javaPackage() + "." + typeName, source);
    }

    private static void checkOverrides(Int8Model model, GenerateOptions options) {
        Set<String> withWeights = new HashSet<>();
        Set<String> all = new TreeSet<>();
        for (Op op : model.ops()) {
            all.add(op.name());
            if (op.weights() != null) {
                withWeights.add(op.name());
            }
        }
        for (String layer : options.overrides().keySet()) {
            if (!all.contains(layer)) {
                throw new IllegalArgumentException("format override for '" + layer + "', but model '" + model.name()
                        + "' has no such layer; layers: " + String.join(", ", all));
            }
            if (!withWeights.contains(layer)) {
                throw new IllegalArgumentException("format override for '" + layer
                        + "', but that layer has no weights to store dense or sparse");
            }
        }
    }

    private FirmwareBoard resolveBoard(String boardId) {
        if (GenerateOptions.HOST.equals(boardId)) {
            return null;
        }
        return boards.resolve(boardId).orElseThrow(() -> new IllegalArgumentException("unknown board '" + boardId
                + "'; known boards: " + (boards.knownBoards().isEmpty() ? "none in this build (use '"
                + GenerateOptions.HOST + "')" : String.join(", ", boards.knownBoards()) + ", " + GenerateOptions.HOST)));
    }

    private static void putText(SortedMap<String, byte[]> files, String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
