package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

import java.util.SplittableRandom;

/** Inverted dropout: active only in training passes, identity otherwise (and absent from the int8 graph). */
public final class Dropout implements UnaryLayer {
    private final String name;
    private final float rate;
    private final int index;

    Dropout(String name, float rate, int index) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.name = name;
        this.rate = rate;
        this.index = index;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor forward(Tensor x, Pass pass) {
        if (!pass.training || rate == 0f) {
            if (pass.training) {
                pass.put(this, new float[0]);
            }
            return x;
        }
        // Seeded by the step and the layer, so a resumed run draws the same masks.
        SplittableRandom rnd = new SplittableRandom(pass.randomSeed * 31 + index);
        float keep = 1f - rate;
        // 16 random bits decide each element: four elements per draw of 64 bits.
        int threshold = (int) Math.round(keep * 65536.0);
        float kept = 1f / keep;
        float[] scale = new float[x.data.length];
        float[] out = new float[x.data.length];
        long bits = 0;
        for (int i = 0; i < out.length; i++) {
            if ((i & 3) == 0) {
                bits = rnd.nextLong();
            }
            scale[i] = (int) (bits & 0xFFFF) < threshold ? kept : 0f;
            bits >>>= 16;
            out[i] = x.data[i] * scale[i];
        }
        pass.put(this, scale);
        return new Tensor(out, x.n, x.h, x.w, x.c);
    }

    @Override
    public Tensor backward(Tensor gradOut, Pass pass) {
        float[] scale = pass.get(this);
        if (scale.length == 0) {
            return gradOut;
        }
        float[] g = new float[gradOut.data.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradOut.data[i] * scale[i];
        }
        return new Tensor(g, gradOut.n, gradOut.h, gradOut.w, gradOut.c);
    }
}
