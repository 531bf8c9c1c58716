package io.pqkmcu.trainer.quant;

import io.pqkmcu.trainer.tensor.BnActKernels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One fake quantization: the element-wise kernel (fakeInPlace, vector and scalar tails) and the fused
 * BatchNorm kernel give, bit for bit, dequantize(quantize(x)), whose rounding is the integer path's
 * round-half-away of x / scale in double — also for values on and next to rounding midpoints, where a
 * float product x·(1/scale) can round the other way.
 */
class ActQuantTest {
    private static final ActQuant[] QUANTS = {
        ActQuant.fromRange(-1.3, 2.7), ActQuant.fromRange(0, 6), ActQuant.fromRange(-0.37, 0.11),
        new ActQuant(0.1, 3), new ActQuant(1.0 / 3, -128), new ActQuant(0.0123456789, 17)};

    /** (k + ½)·scale for every code k, as floats, with their float neighbours: 3·256 values per quantization. */
    private static float[] midpoints(ActQuant a) {
        List<Float> v = new ArrayList<>();
        for (int k = -140; k < 140; k++) {
            float m = (float) ((k + 0.5) * a.scale());
            v.add(m);
            v.add(Math.nextUp(m));
            v.add(Math.nextDown(m));
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** The definition, computed independently: round half away of x / scale in double, then dequantize. */
    private static float reference(ActQuant a, float x) {
        double r = x / a.scale();
        long q = r >= 0 ? (long) Math.floor(r + 0.5) : -(long) Math.floor(-r + 0.5);
        q = Math.max(-128, Math.min(127, q + a.zeroPoint()));
        return a.dequantize((int) q);
    }

    @Test
    void fakeInPlaceEqualsFakeOnMidpoints() {
        int compared = 0;
        for (ActQuant a : QUANTS) {
            float[] x = midpoints(a);
            float[] y = x.clone();
            a.fakeInPlace(y, 0, y.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(a.fake(x[i])), Float.floatToRawIntBits(y[i]),
                        a + " x=" + x[i] + ": fake " + a.fake(x[i]) + " fakeInPlace " + y[i]);
                assertEquals(Float.floatToRawIntBits(reference(a, x[i])), Float.floatToRawIntBits(a.fake(x[i])),
                        a + " x=" + x[i]);
                compared++;
            }
        }
        assertTrue(compared > 4000);
    }

    @Test
    void theFusedBatchNormKernelQuantizesTheSameWay() {
        int channels = 16;
        for (ActQuant a : QUANTS) {
            float[] x = midpoints(a);
            int rows = x.length / channels;
            float[] z = java.util.Arrays.copyOf(x, rows * channels);
            float[] zero = new float[channels];
            float[] one = new float[channels];
            java.util.Arrays.fill(one, 1f);
            // identity normalisation (mean 0, inv 1, γ 1, β 0) and no clamp: only the fake quantization acts
            BnActKernels.forward(z, rows, channels, zero, one, one, zero, Float.NEGATIVE_INFINITY,
                    Float.POSITIVE_INFINITY, null, a.kernel());
            for (int i = 0; i < z.length; i++) {
                assertEquals(Float.floatToRawIntBits(a.fake(x[i])), Float.floatToRawIntBits(z[i]), a + " x=" + x[i]);
            }
        }
    }
}
