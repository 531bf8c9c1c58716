package io.pqkmcu.trainer.pqk;

import io.pqkmcu.model.QuantizedWeights;
import io.pqkmcu.model.quant.QuantMath;
import io.pqkmcu.trainer.nn.ConvSpec;
import io.pqkmcu.trainer.nn.ConvUnit;
import io.pqkmcu.trainer.nn.Network;
import io.pqkmcu.trainer.quant.WeightGranularity;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fully pruned channel outputs its bias alone, so the int8 layer must carry that bias to within a code. The
 * exporter once gave such a channel weight scale 1, which made the bias step input_scale: a KWS model lost 29
 * points of int8 accuracy against its fake-quantized student that way (docs/results/kws-synthetic/sparsity-90).
 */
class EmptyChannelExportTest {
    private static final double IN_SCALE = 0.5;
    private static final double OUT_SCALE = 0.01;

    @Test
    void aFullyPrunedChannelOutputsItsBiasToTheNearestCode() {
        for (ConvUnit u : units()) {
            float[] bias = {0.0537f, -0.02f, 0.0264f, 0.9f};
            load(u, bias);
            emptyChannel(u, 0);
            emptyChannel(u, 2);
            QuantizedWeights w = Int8Exporter.weights(u, IN_SCALE, OUT_SCALE, WeightGranularity.PER_CHANNEL);
            for (int c : new int[] {0, 2}) {
                int out = QuantMath.multiplyByQuantizedMultiplier(w.bias()[c], w.multiplier()[c], w.shift()[c]);
                assertEquals(QuantMath.roundHalfAway(bias[c] / OUT_SCALE), out, u.name() + " channel " + c);
            }
            // the other channels keep the scale of their weights
            for (int c : new int[] {1, 3}) {
                assertTrue(w.weightScale()[c] < 1.0 / 127, u.name() + " channel " + c + " scale " + w.weightScale()[c]);
            }
        }
    }

    @Test
    void aBiasTooLargeForAFineStepStillSaturatesTheOutput() {
        ConvUnit u = units()[0];
        float[] bias = {-3.0e4f, 0f, 5.0e5f, 0f};
        load(u, bias);
        emptyChannel(u, 0);
        emptyChannel(u, 2);
        QuantizedWeights w = Int8Exporter.weights(u, IN_SCALE, OUT_SCALE, WeightGranularity.PER_CHANNEL);
        for (int c : new int[] {0, 2}) {
            long exact = QuantMath.roundHalfAway(bias[c] / (IN_SCALE * w.weightScale()[c]));
            assertEquals(exact, w.bias()[c], "the int32 bias is not clamped, channel " + c);
            int out = QuantMath.multiplyByQuantizedMultiplier(w.bias()[c], w.multiplier()[c], w.shift()[c]);
            assertEquals(bias[c] / OUT_SCALE, out, Math.abs(bias[c] / OUT_SCALE) * 1e-6, "channel " + c);
        }
    }

    /** A convolution, a depthwise convolution and a dense layer, each with 4 output channels and BatchNorm. */
    private static ConvUnit[] units() {
        Network net = Network.builder("empty-channels", 6, 4, 4, 4).conv("conv", ConvSpec.of(4, 3, 3))
                .depthwise("dw", ConvSpec.of(0, 3, 3)).flatten("flat").dense("fc", 4);
        return net.units().toArray(new ConvUnit[0]);
    }

    private static void load(ConvUnit u, float[] bias) {
        Random r = new Random(3);
        float[] w = new float[u.weights().length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.1);
        }
        u.loadFolded(w, bias);
    }

    private static void emptyChannel(ConvUnit u, int channel) {
        float[] mask = u.mask();
        int channels = u.outChannels();
        int per = mask.length / channels;
        for (int i = 0; i < mask.length; i++) {
            int c = u.kind() == ConvUnit.Kind.DEPTHWISE ? i % channels : i / per;
            if (c == channel) {
                mask[i] = 0f;
            }
        }
    }
}
