package io.pqkmcu.codegen.project;

import io.pqkmcu.codegen.plan.MemoryPlan;
import io.pqkmcu.codegen.plan.ModelBuffers;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.List;
import java.util.Locale;

/**
 * Everything the project templates print (data model key {@code project}), computed by
 * {@link ProjectGenerator}. Grouped by concern, each group built by a factory from the generator's own
 * objects, so no caller lines up a row of positional ints: templates read {@code project.model.sym},
 * {@code project.input.height}, {@code project.frontEnd.scratchBytes}, {@code project.board.cflags}, ...
 *
 * @param headerText the first comment of every generated file: generator, model, checksum
 * @param model      the model's names in C
 * @param input      the input tensor
 * @param output     the output tensor (the logits)
 * @param arenaSize  bytes of the static arena
 * @param labels     labels as C string literals
 * @param layers     one per op, in model order
 * @param weights    the constant weights of the layers that have them
 * @param frontEnd   the audio front end ({@link FrontEnd#present()} false when the model has none)
 * @param tests      what the firmware application runs
 * @param board      the firmware board the project was generated for
 * @param build      what the Makefile compiles
 */
public record ProjectView(String headerText, Model model, Tensor input, Tensor output, int arenaSize,
                          List<String> labels, List<LayerView> layers, List<WeightsView> weights, FrontEnd frontEnd,
                          Tests tests, Board board, Build build) {

    /**
     * @param name        the model's name, safe inside a comment
     * @param nameLiteral the model's name as a C string literal
     * @param checksum    CRC-32C of the model file, 8 hex digits
     * @param sym         the sanitized model name, prefix of the model's C symbols
     * @param symUpper    {@code sym} in upper case
     * @param guard       include-guard stem
     */
    public record Model(String name, String nameLiteral, String checksum, String sym, String symUpper, String guard) {
        static Model of(String modelName, String checksum) {
            String sym = CNames.identifier(modelName);
            String upper = sym.toUpperCase(Locale.ROOT);
            return new Model(CNames.commentSafe(modelName), CNames.cString(modelName), checksum, sym, upper,
                    "PQK_MODEL_" + upper + "_H");
        }
    }

    /**
     * A model tensor as the templates print it.
     *
     * @param scale       the quantization scale as Java prints a double
     * @param arenaOffset where the tensor sits in the arena
     */
    public record Tensor(int height, int width, int channels, int size, String scale, int zeroPoint, int arenaOffset) {
        static Tensor of(TensorSpec t, MemoryPlan plan) {
            return new Tensor(t.height(), t.width(), t.channels(), t.size(), Double.toString(t.scale()), t.zeroPoint(),
                    plan.offsetOf(ModelBuffers.tensorKey(t)));
        }
    }

    /**
     * @param present       the model has an audio front end (the other values are 0 without one)
     * @param audioSamples  int16 samples per clip
     * @param sampleRate    in Hz
     * @param configSymbol  the {@code const pqk_frontend_config} instance
     * @param scratchBytes  arena bytes {@code pqk_frontend_run} needs
     * @param scratchOffset where that scratch sits in the arena (0 when none)
     * @param cmn           the front end normalises each window (FrontEndConfig.Normalization.CMN): a stream
     *                      keeps Q10 frames and normalises each window before int8
     */
    public record FrontEnd(boolean present, int audioSamples, int sampleRate, String configSymbol, int scratchBytes,
                           int scratchOffset, boolean cmn) {
        /** The view of {@code fe} (null: the model has no front end) with its scratch placed by {@code plan}. */
        static FrontEnd of(FrontEndConfig fe, String configSymbol, int scratchBytes, MemoryPlan plan) {
            int offset = scratchBytes > 0 ? plan.offsetOf(ModelBuffers.FRONT_END_SCRATCH) : 0;
            return fe == null ? new FrontEnd(false, 0, 0, configSymbol, scratchBytes, offset, false)
                    : new FrontEnd(true, fe.clipSamples(), fe.sampleRate(), configSymbol, scratchBytes, offset,
                    fe.normalization() == FrontEndConfig.Normalization.CMN);
        }
    }

    /**
     * @param audio the firmware's test inputs are audio clips (front end + model), not int8 vectors
     * @param count number of test inputs the project was generated with (the firmware counts them from the
     *              blob sizes, so a rewritten chunk may hold another number)
     */
    public record Tests(boolean audio, int count) {}

    /**
     * @param id           the board id given to the generator ({@code host} when none)
     * @param present      a firmware board was given: the Makefile builds firmware
     * @param cflags       cross-compiler flags, space-separated ("" without a board)
     * @param ldflags      linker flags, space-separated ("" without a board)
     * @param sources      project-relative board sources (firmware only)
     * @param linkerScript path relative to {@code firmware/board/} ("" without a board)
     */
    public record Board(String id, boolean present, String cflags, String ldflags, List<String> sources,
                        String linkerScript) {
        /** The view of {@code board} (null: host only) with its copied {@code sources}. */
        static Board of(String boardId, FirmwareBoard board, List<String> sources) {
            return board == null ? new Board(boardId, false, "", "", sources, "")
                    : new Board(boardId, true, String.join(" ", board.cflags()), String.join(" ", board.ldflags()),
                    sources, board.linkerScript());
        }
    }

    /**
     * @param modelSources  project-relative C sources of the model (host and firmware)
     * @param cmsisNn       some layers call ARM's CMSIS-NN (the Makefile then needs its source tree)
     * @param cmsisNnPath   the default of the Makefile's CMSIS_NN variable, "" when none was given
     * @param kernelDefines -D flags that compile only the kernel paths the model's layers take (host and
     *                      firmware): {@link KernelPaths}
     */
    public record Build(List<String> modelSources, boolean cmsisNn, String cmsisNnPath, String kernelDefines) {}
}
