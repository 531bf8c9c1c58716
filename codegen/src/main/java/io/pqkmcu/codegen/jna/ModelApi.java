package io.pqkmcu.codegen.jna;

import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.List;

/**
 * The facts of a generated model's C API that its JNA binding exposes as constants and methods.
 *
 * @param modelName the model's name
 * @param checksum  CRC-32C of the model file, 8 hex digits
 * @param input     the int8 input tensor
 * @param output    the int8 logits
 * @param arenaSize bytes of the model's static arena
 * @param labels    one per logit
 * @param audio     the audio front end's clip, or null when the model has none (no {@code pqk_model_classify})
 */
public record ModelApi(String modelName, String checksum, Tensor input, Tensor output, int arenaSize,
                       List<String> labels, Audio audio) {
    public ModelApi {
        labels = List.copyOf(labels);
    }

    /** Whether {@code pqk_model_classify} (audio in, logits out) exists. */
    public boolean hasFrontEnd() {
        return audio != null;
    }

    /**
     * A tensor of the API: NHWC shape, {@code size} int8 values, real = scale * (q - zeroPoint).
     */
    public record Tensor(int height, int width, int channels, int size, double scale, int zeroPoint) {
        public static Tensor of(TensorSpec t) {
            return new Tensor(t.height(), t.width(), t.channels(), t.size(), t.scale(), t.zeroPoint());
        }
    }

    /**
     * @param samples    int16 samples per clip the front end takes
     * @param sampleRate in Hz
     */
    public record Audio(int samples, int sampleRate) {
        /** The clip of {@code fe}, or null when the model has no front end. */
        public static Audio of(FrontEndConfig fe) {
            return fe == null ? null : new Audio(fe.clipSamples(), fe.sampleRate());
        }
    }
}
