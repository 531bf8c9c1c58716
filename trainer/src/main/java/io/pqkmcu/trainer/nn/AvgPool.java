package io.pqkmcu.trainer.nn;

import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.quant.ActivationObserver;
import io.pqkmcu.trainer.tensor.ConvGeometry;
import io.pqkmcu.trainer.tensor.Parallel;
import io.pqkmcu.trainer.tensor.Tensor;

/**
 * Average pooling over windows (global when the window covers the input). Padded cells are not counted,
 * as in TFLite. Its int8 output keeps the input's quantization, so in the student branch the output is
 * fake-quantized with the producing layer's observer: the int8 kernel rounds the average to that grid.
 */
public final class AvgPool implements UnaryLayer {
    private final String name;
    private final ConvGeometry geometry;
    private final int channels;
    private final ActivationObserver inputObserver;
    private final QuantControl quantControl;

    AvgPool(String name, ConvGeometry geometry, int channels, ActivationObserver inputObserver, QuantControl quantControl) {
        this.name = name;
        this.geometry = geometry;
        this.channels = channels;
        this.inputObserver = inputObserver;
        this.quantControl = quantControl;
    }

    @Override
    public String name() {
        return name;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    private int count(int oy, int ox) {
        int y0 = oy * geometry.strideH() - geometry.padTop();
        int x0 = ox * geometry.strideW() - geometry.padLeft();
        int ys = Math.max(0, y0);
        int ye = Math.min(geometry.inH(), y0 + geometry.kh());
        int xs = Math.max(0, x0);
        int xe = Math.min(geometry.inW(), x0 + geometry.kw());
        return (ye - ys) * (xe - xs);
    }

    @Override
    public Tensor forward(Tensor x, Pass pass) {
        ConvGeometry g = geometry;
        Tensor out = new Tensor(x.n, g.outH(), g.outW(), channels);
        // samples are independent, so splitting the batch changes no sum
        Parallel.forChunks(x.n, Parallel.SAMPLE_GRAIN, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int o = ((b * g.outH() + oy) * g.outW() + ox) * channels;
                        int y0 = oy * g.strideH() - g.padTop();
                        int x0 = ox * g.strideW() - g.padLeft();
                        for (int iy = Math.max(0, y0); iy < Math.min(x.h, y0 + g.kh()); iy++) {
                            for (int ix = Math.max(0, x0); ix < Math.min(x.w, x0 + g.kw()); ix++) {
                                int i = ((b * x.h + iy) * x.w + ix) * channels;
                                for (int c = 0; c < channels; c++) {
                                    out.data[o + c] += x.data[i + c];
                                }
                            }
                        }
                        float inv = 1f / count(oy, ox);
                        for (int c = 0; c < channels; c++) {
                            out.data[o + c] *= inv;
                        }
                    }
                }
            }
        });
        if (!pass.calibrating && pass.branch.quantActs() && quantControl.activationsActive() && inputObserver.ready()) {
            ActQuant q = inputObserver.quant();
            for (int i = 0; i < out.data.length; i++) {
                out.data[i] = q.fake(out.data[i]);
            }
        }
        if (pass.training) {
            pass.put(this, new int[] {x.h, x.w});
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOut, Pass pass) {
        int[] hw = pass.get(this);
        ConvGeometry g = geometry;
        Tensor dx = new Tensor(gradOut.n, hw[0], hw[1], channels);
        Parallel.forChunks(gradOut.n, Parallel.SAMPLE_GRAIN, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int o = ((b * g.outH() + oy) * g.outW() + ox) * channels;
                        float inv = 1f / count(oy, ox);
                        int y0 = oy * g.strideH() - g.padTop();
                        int x0 = ox * g.strideW() - g.padLeft();
                        for (int iy = Math.max(0, y0); iy < Math.min(hw[0], y0 + g.kh()); iy++) {
                            for (int ix = Math.max(0, x0); ix < Math.min(hw[1], x0 + g.kw()); ix++) {
                                int i = ((b * hw[0] + iy) * hw[1] + ix) * channels;
                                for (int c = 0; c < channels; c++) {
                                    dx.data[i + c] += gradOut.data[o + c] * inv;
                                }
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }
}
