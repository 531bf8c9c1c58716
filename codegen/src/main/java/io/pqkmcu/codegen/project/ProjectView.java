package io.pqkmcu.codegen.project;

import java.util.List;

/**
 * Everything the project templates print, computed by {@link ProjectGenerator}.
 *
 * @param headerText       the first comment of every generated file: generator, model, checksum
 * @param modelName        the model's name, safe inside a comment
 * @param modelNameLiteral the model's name as a C string literal
 * @param sym              the sanitized model name, prefix of the model's C symbols
 * @param guard            include-guard stem
 * @param labels           labels as C string literals
 * @param testAudio        the firmware's test inputs are audio clips (front end + model), not int8 vectors
 * @param testCount        number of test inputs the project was generated with (the firmware counts them
 *                         from the blob sizes, so a rewritten chunk may hold another number)
 * @param modelSources     project-relative C sources of the model (host and firmware)
 * @param boardSources     project-relative board sources (firmware only)
 * @param cmsisNn          some layers call ARM's CMSIS-NN (the Makefile then needs its source tree)
 * @param cmsisNnPath      the default of the Makefile's CMSIS_NN variable, "" when none was given
 * @param kernelDefines    -D flags that compile only the kernel paths the model's layers take (host and
 *                         firmware): {@link KernelPaths}, and -DPQK_FRONTEND_CMN=1 when the front end normalises
 * @param frontEndCmn      the front end normalises each window (FrontEndConfig.Normalization.CMN): a stream
 *                         keeps Q10 frames and normalises each window before int8
 */
public record ProjectView(String headerText, String modelName, String modelNameLiteral, String checksum, String sym,
                          String symUpper, String guard, int inputHeight, int inputWidth, int inputChannels, int inputSize,
                          String inputScale, int inputZeroPoint, int outputSize, String outputScale, int outputZeroPoint,
                          int arenaSize, int inputArena, int outputArena, List<String> labels, List<LayerView> layers,
                          List<WeightsView> weights, boolean hasFrontEnd, int audioSamples, int sampleRate,
                          String frontEndConfigSymbol, int frontEndScratchBytes, int frontEndScratchArena,
                          boolean testAudio, int testCount, List<String> modelSources, String boardId, boolean hasBoard,
                          String boardCflags, String boardLdflags, List<String> boardSources, String linkerScript,
                          boolean cmsisNn, String cmsisNnPath, String kernelDefines, boolean frontEndCmn) {}
