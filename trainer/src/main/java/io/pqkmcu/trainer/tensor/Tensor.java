package io.pqkmcu.trainer.tensor;

/** A float activation batch in NHWC layout: data[((n·h + y)·w + x)·c + ch]. */
public final class Tensor {
    public final float[] data;
    public final int n;
    public final int h;
    public final int w;
    public final int c;

    public Tensor(int n, int h, int w, int c) {
        this(new float[n * h * w * c], n, h, w, c);
    }

    public Tensor(float[] data, int n, int h, int w, int c) {
        if (data.length != n * h * w * c) {
            throw new IllegalArgumentException("data length " + data.length + " != " + n + "x" + h + "x" + w + "x" + c);
        }
        this.data = data;
        this.n = n;
        this.h = h;
        this.w = w;
        this.c = c;
    }

    /** Elements per sample. */
    public int sampleSize() {
        return h * w * c;
    }

    /** Rows when viewed as a [n·h·w, c] matrix. */
    public int rows() {
        return n * h * w;
    }

    public Tensor zerosLike() {
        return new Tensor(n, h, w, c);
    }

    public String shape() {
        return n + "x" + h + "x" + w + "x" + c;
    }
}
