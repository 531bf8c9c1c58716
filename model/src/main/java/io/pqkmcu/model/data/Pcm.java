package io.pqkmcu.model.data;

/** Small operations on 16-bit PCM that the data tools share. */
public final class Pcm {
    private Pcm() {}

    /** Clamps to the int16 range: loud audio clips instead of wrapping around to the opposite sign. */
    public static short saturate(long v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** Rounds to nearest and clamps to int16; NaN becomes 0. */
    public static short saturate(double v) {
        return saturate(Math.round(v));
    }

    /** Root mean square of {@code x[from, to)}; 0 for an empty range. */
    public static double rms(short[] x, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    public static double rms(short[] x) {
        return rms(x, 0, x.length);
    }

    /** Largest absolute sample value (32768 for a full-scale negative sample). */
    public static int peak(short[] x) {
        int p = 0;
        for (short v : x) {
            p = Math.max(p, Math.abs((int) v));
        }
        return p;
    }

    /**
     * Cuts leading and trailing silence: keeps from the first to the last 10 ms frame whose RMS reaches
     * {@code relativeThreshold} × the loudest frame's RMS, plus one frame of margin on each side.
     *
     * @return the trimmed copy; empty when the input is all zeros
     */
    public static short[] trimSilence(short[] x, int sampleRate, double relativeThreshold) {
        int frame = Math.max(1, sampleRate / 100);
        int frames = (x.length + frame - 1) / frame;
        double[] e = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            e[f] = rms(x, f * frame, Math.min(x.length, (f + 1) * frame));
            max = Math.max(max, e[f]);
        }
        if (max == 0) {
            return new short[0];
        }
        double th = max * relativeThreshold;
        int first = 0;
        while (e[first] < th) {
            first++;
        }
        int last = frames - 1;
        while (e[last] < th) {
            last--;
        }
        int from = Math.max(0, (first - 1) * frame);
        int to = Math.min(x.length, (last + 2) * frame);
        return java.util.Arrays.copyOfRange(x, from, to);
    }
}
