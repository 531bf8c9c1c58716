package io.pqkmcu.codegen.stream;

import io.pqkmcu.model.frontend.FrontEndConfig;

/**
 * How a stream computes each front-end frame once. Window k starts at sample k·hop; its frames start at
 * k·hop + f·stride. Every frame depends only on its own samples (the block normalisation is per frame), so
 * a frame computed for one window is the same frame in any later window that starts on the same grid of
 * frame positions. Window starts fall on {@code phases} interleaved grids, offset (k·hop) mod stride: one
 * when the hop is a multiple of the stride (240 ms hops with 20 ms frames), two for a 250 ms hop (the odd
 * windows start half a frame off). Each grid keeps its frames in a ring of 2·frames rows, frame j at rows
 * j mod frames and j mod frames + frames, so that every window is one contiguous run of rows. A window
 * computes only the frames its grid does not yet hold: hop/stride·phases of them. A front end that normalises
 * each window (CMN) keeps the frames' Q10 values in its rings (4 bytes each) and normalises every window's rows
 * into a copy before int8, so reuse is unchanged.
 *
 * <p>The stream firmware (firmware_stream_c.ftl) and {@link StreamDetector#run} follow this plan.
 *
 * @param phases 0 when reuse would gain nothing or cost too much RAM (then every window computes all its
 *               frames), else the number of grids
 * @param valueBytes bytes per ring value: 1 (int8 features), 4 with CMN (Q10 features)
 */
public record FrameReuse(int hopSamples, int strideSamples, int frames, int featuresPerFrame, int phases,
                         int valueBytes) {
    /** Rings kept at most: four grids of 49×10 features take 3920 bytes of RAM. */
    public static final int MAX_PHASES = 4;

    public static FrameReuse of(FrontEndConfig fe, int hopSamples) {
        if (hopSamples <= 0) {
            throw new IllegalArgumentException("the hop must be at least one sample, got " + hopSamples);
        }
        int stride = fe.strideSamples();
        int grids = stride / gcd(hopSamples, stride);
        // Window k + grids starts grids·hop samples later, a whole number of frames on the same grid.
        long advance = (long) grids * hopSamples / stride;
        int phases = grids <= MAX_PHASES && advance < fe.frames() ? grids : 0;
        return new FrameReuse(hopSamples, stride, fe.frames(), fe.featuresPerFrame(), phases,
                fe.normalization() == FrontEndConfig.Normalization.CMN ? 4 : 1);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The grid window k's frames lie on. */
    public int phase(int k) {
        return k % phases;
    }

    /** Index j of window k's first frame on its grid: frame j starts at offset(k) + j·stride. */
    public int firstFrame(int k) {
        return (int) ((long) k * hopSamples / strideSamples);
    }

    /** Sample offset of window k's grid: (k·hop) mod stride. */
    public int offset(int k) {
        return (int) ((long) k * hopSamples % strideSamples);
    }

    /** Frames a window computes once its grid's ring is warm: all of them without reuse. */
    public int framesPerWindow() {
        return phases == 0 ? frames : (int) Math.min(frames, (long) phases * hopSamples / strideSamples);
    }

    /** RAM the rings take, bytes (with CMN, not counting the window's int8 copy of frames × featuresPerFrame). */
    public int ringBytes() {
        return phases * 2 * frames * featuresPerFrame * valueBytes;
    }
}
