package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.Tensor;

/**
 * Views an [n, h, w, c] batch as [n, 1, 1, h·w·c] (NHWC order, the order the int8 fully connected layer
 * reads its input in). No data moves, and the int8 graph needs no op for it.
 */
public final class Flatten implements UnaryLayer {
    private final String name;

    Flatten(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor forward(Tensor x, Pass pass) {
        if (pass.training) {
            pass.put(this, new int[] {x.h, x.w, x.c});
        }
        return new Tensor(x.data, x.n, 1, 1, x.sampleSize());
    }

    @Override
    public Tensor backward(Tensor gradOut, Pass pass) {
        int[] s = pass.get(this);
        return new Tensor(gradOut.data, gradOut.n, s[0], s[1], s[2]);
    }
}
