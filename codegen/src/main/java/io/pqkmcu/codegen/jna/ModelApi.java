package io.pqkmcu.codegen.jna;

import java.util.List;

/**
 * The facts of a generated model's C API that its JNA binding exposes as constants and methods.
 *
 * @param hasFrontEnd  whether {@code pqk_model_classify} (audio in, logits out) exists
 * @param audioSamples int16 samples per clip the front end takes (0 without a front end)
 */
public record ModelApi(String modelName, String checksum, int inputHeight, int inputWidth, int inputChannels,
                       int inputSize, double inputScale, int inputZeroPoint, int outputSize, double outputScale,
                       int outputZeroPoint, int arenaSize, List<String> labels, boolean hasFrontEnd, int audioSamples,
                       int sampleRate) {
    public ModelApi {
        labels = List.copyOf(labels);
    }
}
