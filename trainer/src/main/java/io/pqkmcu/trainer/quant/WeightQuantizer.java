package io.pqkmcu.trainer.quant;

import io.pqkmcu.model.quant.QuantMath;

/**
 * Symmetric per-output-channel int8 weight quantization: scale[c] = max|w_c| / 127,
 * q = clamp(round(w / scale), −127, 127), rounding half away from zero.
 *
 * <p>Fake quantization during training and the exporter both call this, so the weights the student
 * trains with are exactly the int8 weights that ship.
 */
public final class WeightQuantizer {
    private WeightQuantizer() {}

    /** Quantized weights and their per-channel scales. */
    public record Result(byte[] q, double[] scale) {}

    /**
     * @param w        weights (already BN-folded and masked)
     * @param channels number of output channels
     * @param channelsLast true for depthwise layout [KH, KW, C] (channel = i mod C); false for
     *                 [C_OUT, ...] layouts (channel = i / (size / C_OUT))
     */
    public static Result quantize(float[] w, int channels, boolean channelsLast) {
        return quantize(w, channels, channelsLast, WeightGranularity.PER_CHANNEL);
    }

    /** As {@link #quantize(float[], int, boolean)}; PER_TENSOR gives every channel the layer's largest scale. */
    public static Result quantize(float[] w, int channels, boolean channelsLast, WeightGranularity granularity) {
        int per = w.length / channels;
        double[] maxAbs = new double[channels];
        for (int i = 0; i < w.length; i++) {
            int c = channelsLast ? i % channels : i / per;
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
        }
        if (granularity == WeightGranularity.PER_TENSOR) {
            double all = 0;
            for (double m : maxAbs) {
                all = Math.max(all, m);
            }
            java.util.Arrays.fill(maxAbs, all);
        }
        double[] scale = new double[channels];
        for (int c = 0; c < channels; c++) {
            // An all-zero channel (fully pruned) keeps scale 1: its weights are 0 whatever the scale. The exporter
            // replaces it with one that suits the channel's bias (Int8Exporter.emptyChannelAccScale).
            scale[c] = maxAbs[c] > 0 ? maxAbs[c] / 127.0 : 1.0;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = channelsLast ? i % channels : i / per;
            q[i] = (byte) QuantMath.clamp(QuantMath.roundHalfAway(w[i] / scale[c]), -127, 127);
        }
        return new Result(q, scale);
    }

    /** Fake quantization: the float values of the quantized weights, q · scale. */
    public static float[] fakeQuantize(float[] w, int channels, boolean channelsLast) {
        return fakeQuantize(w, channels, channelsLast, WeightGranularity.PER_CHANNEL);
    }

    public static float[] fakeQuantize(float[] w, int channels, boolean channelsLast, WeightGranularity granularity) {
        Result r = quantize(w, channels, channelsLast, granularity);
        int per = w.length / channels;
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = channelsLast ? i % channels : i / per;
            out[i] = (float) (r.q()[i] * r.scale()[c]);
        }
        return out;
    }
}
