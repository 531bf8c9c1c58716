package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.firmware.FirmwareApp;
import io.pqkmcu.codegen.fit.FitCheck;
import io.pqkmcu.codegen.fit.ResourceUsage;
import io.pqkmcu.codegen.format.InstructionModel;
import io.pqkmcu.codegen.format.LayerFormat;
import io.pqkmcu.codegen.format.LayerFormatChoice;
import io.pqkmcu.codegen.format.LayerFormatChooser;
import io.pqkmcu.codegen.plan.MemoryPlan;
import io.pqkmcu.codegen.plan.MemoryPlanner;
import io.pqkmcu.codegen.plan.ModelBuffers;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.TensorSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's decisions for a model, made to fit its board: each layer's storage format, kernel,
 * scratch and in-place sharing, the memory plan over them and the flash and RAM they take.
 *
 * @param layers one per op, in model order
 * @param plan   the static arena (tensors, kernel scratch, front-end scratch)
 * @param usage  flash and RAM of the model, its test data and the stack reserve
 */
record Compilation(List<CompiledLayer> layers, MemoryPlan plan, ResourceUsage usage) {
    Compilation {
        layers = List.copyOf(layers);
    }

    /**
     * Compiles the model (formats by the cost model or the user's overrides) and, for a firmware board,
     * trades instructions for flash until it fits: the cost model keeps a layer dense when its sparse kernel
     * would be slower; when that leaves the model too big for the board's flash, such layers switch to sparse,
     * the largest saving first. Then checks the fit ({@link FitCheck}, which refuses with the figures).
     *
     * @param board           the firmware board, or null for a host-only project (no fit to check)
     * @param costs           instruction costs of the target core
     * @param app             the firmware application, whose data takes flash too
     * @param frontEndScratch bytes of arena the front end needs (0 without one)
     */
    static Compilation fit(Int8Model model, GenerateOptions options, FirmwareBoard board, InstructionModel costs,
                           FirmwareApp app, int frontEndScratch) {
        List<LayerFormatChoice> formats = chooseFormats(model, options, costs);
        Compilation c = compile(model, options, formats, app, frontEndScratch);
        if (board == null) {
            return c;
        }
        for (CompiledLayer candidate : flashSavingCandidates(c.layers, options)) {
            if (c.usage.flashBytes() <= board.limits().flashBytes()) {
                break;
            }
            formats.set(candidate.index(), LayerFormatChooser.sparseToFitFlash(candidate.choice()));
            c = compile(model, options, formats, app, frontEndScratch);
        }
        FitCheck.check(c.usage, board.limits());
        return c;
    }

    /** The kernels the layers call. */
    Set<Kernel> kernels() {
        Set<Kernel> kernels = EnumSet.noneOf(Kernel.class);
        for (CompiledLayer l : layers) {
            kernels.add(l.kernel());
        }
        return kernels;
    }

    /** The format choices of the layers with weights, in model order. */
    List<LayerFormatChoice> formatChoices() {
        List<LayerFormatChoice> choices = new ArrayList<>();
        for (CompiledLayer l : layers) {
            if (l.choice() != null) {
                choices.add(l.choice());
            }
        }
        return choices;
    }

    private static Compilation compile(Int8Model model, GenerateOptions options, List<LayerFormatChoice> formats,
                                       FirmwareApp app, int frontEndScratch) {
        List<CompiledLayer> layers = compileLayers(model, options, formats);
        MemoryPlan plan = plan(model, layers, frontEndScratch);
        ResourceUsage usage = ResourceEstimator.estimate(model, layers, plan.arenaSize(), app.flashBytes(), app.testInputs(),
                options.stackReserveBytes());
        return new Compilation(layers, plan, usage);
    }

    private static MemoryPlan plan(Int8Model model, List<CompiledLayer> layers, int feScratch) {
        int[] scratch = new int[layers.size()];
        Map<Integer, Integer> inPlace = new HashMap<>();
        for (CompiledLayer l : layers) {
            scratch[l.index()] = l.scratchBytes();
            if (l.inPlace()) {
                inPlace.put(l.op().output(), l.inPlaceInput());
            }
        }
        return MemoryPlanner.plan(ModelBuffers.of(model, scratch, feScratch, inPlace));
    }

    /**
     * Layers the cost model left dense although their table is smaller, and whose format the user did not
     * force: the ones that can give flash back, largest saving first.
     */
    private static List<CompiledLayer> flashSavingCandidates(List<CompiledLayer> layers, GenerateOptions options) {
        List<CompiledLayer> candidates = new ArrayList<>();
        for (CompiledLayer l : layers) {
            LayerFormatChoice c = l.choice();
            if (c != null && c.format() == LayerFormat.DENSE && c.table() != null
                    && c.table().streamBytes() < c.denseBytes() && options.forcedFormat(l.op().name()) == null) {
                candidates.add(l);
            }
        }
        candidates.sort(Comparator.comparingInt((CompiledLayer l) -> l.choice().table().streamBytes()
                - l.choice().denseBytes()));
        return candidates;
    }

    /**
     * The storage format of each op with weights (cost model or override), null for the others. Computed
     * once: encoding the tables is the expensive part, and the flash fit may revise single entries.
     */
    private static List<LayerFormatChoice> chooseFormats(Int8Model model, GenerateOptions options,
                                                         InstructionModel costs) {
        List<LayerFormatChoice> formats = new ArrayList<>();
        for (Op op : model.ops()) {
            LayerFormatChoice choice = null;
            if (op.weights() != null) {
                try {
                    choice = LayerFormatChooser.choose(op, model.tensor(op.inputs().get(0)), model.tensor(op.output()),
                            options.forcedFormat(op.name()), costs);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedModelException(e.getMessage());
                }
            }
            formats.add(choice);
        }
        return formats;
    }

    /**
     * The generator's decisions per op, given its storage format: kernel, whether it runs in place (its
     * kernel allows it for these shapes and it is the last reader of that input), scratch.
     */
    private static List<CompiledLayer> compileLayers(Int8Model model, GenerateOptions options,
                                                     List<LayerFormatChoice> formats) {
        CNames.Unique names = new CNames.Unique();
        int[] lastReader = ModelBuffers.lastReaders(model);
        List<CompiledLayer> layers = new ArrayList<>();
        for (int i = 0; i < model.ops().size(); i++) {
            Op op = model.ops().get(i);
            String sym = names.next(op.name());
            TensorSpec in = model.tensor(op.inputs().get(0));
            TensorSpec out = model.tensor(op.output());
            LayerFormatChoice choice = formats.get(i);
            boolean sparse = choice != null && choice.format() == LayerFormat.SPARSE;
            Kernel kernel = KernelSelector.kernelFor(op, sparse, options.kernels());
            int shared = -1;
            if (KernelSelector.canRunInPlace(kernel, op, in, out)) {
                for (int input : op.inputs()) {
                    TensorSpec candidate = model.tensor(input);
                    if (shared < 0 && lastReader[input] == i + 1 && input != model.outputId()
                            && candidate.size() >= out.size()) {
                        shared = input;
                    }
                }
            }
            int scratch = KernelSelector.scratchBytes(kernel, op, in, out, sparse ? choice.table() : null, shared >= 0);
            layers.add(new CompiledLayer(i, op, sym, kernel, choice, scratch, shared));
        }
        return layers;
    }
}
