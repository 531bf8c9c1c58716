package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.tensor.ConvGeometry;
import io.pqkmcu.trainer.tensor.Tensor;

/**
 * Max pooling over windows; only in-bounds cells compete (padding never wins), as in TFLite. The
 * maximum of values already on the input's int8 grid stays on it, so no fake quantization is needed:
 * the int8 kernel keeps the input's scale and zero point. Backward routes each gradient to the first
 * cell that held the maximum.
 */
public final class MaxPool implements UnaryLayer {
    private final String name;
    private final ConvGeometry geometry;
    private final int channels;

    MaxPool(String name, ConvGeometry geometry, int channels) {
        this.name = name;
        this.geometry = geometry;
        this.channels = channels;
    }

    @Override
    public String name() {
        return name;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    @Override
    public Tensor forward(Tensor x, Pass pass) {
        ConvGeometry g = geometry;
        Tensor out = new Tensor(x.n, g.outH(), g.outW(), channels);
        int[] winner = pass.training ? new int[out.data.length] : null;
        for (int b = 0; b < x.n; b++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                int y0 = oy * g.strideH() - g.padTop();
                int ys = Math.max(0, y0);
                int ye = Math.min(x.h, y0 + g.kh());
                for (int ox = 0; ox < g.outW(); ox++) {
                    int x0 = ox * g.strideW() - g.padLeft();
                    int xs = Math.max(0, x0);
                    int xe = Math.min(x.w, x0 + g.kw());
                    int o = ((b * g.outH() + oy) * g.outW() + ox) * channels;
                    for (int c = 0; c < channels; c++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int iy = ys; iy < ye; iy++) {
                            for (int ix = xs; ix < xe; ix++) {
                                int i = ((b * x.h + iy) * x.w + ix) * channels + c;
                                // NaN wins, so that divergence reaches the loss.
                                if (at < 0 || x.data[i] > best || Float.isNaN(x.data[i])) {
                                    best = x.data[i];
                                    at = i;
                                    if (Float.isNaN(best)) {
                                        break;
                                    }
                                }
                            }
                        }
                        out.data[o + c] = best;
                        if (winner != null) {
                            winner[o + c] = at;
                        }
                    }
                }
            }
        }
        if (pass.training) {
            pass.put(this, new Saved(winner, x.h, x.w));
        }
        return out;
    }

    private record Saved(int[] winner, int inH, int inW) {}

    @Override
    public Tensor backward(Tensor gradOut, Pass pass) {
        Saved s = pass.get(this);
        Tensor dx = new Tensor(gradOut.n, s.inH(), s.inW(), channels);
        for (int i = 0; i < gradOut.data.length; i++) {
            dx.data[s.winner()[i]] += gradOut.data[i];
        }
        return dx;
    }
}
