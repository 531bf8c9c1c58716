package io.pqkmcu.codegen.stream;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;

import java.util.Arrays;

/**
 * The int8 model input of each window of a stream, computed as the stream firmware does ({@link FrameReuse}):
 * per frame grid a ring of 2·frames feature rows, frame j at rows j mod frames and j mod frames + frames,
 * so that each window is one contiguous run of rows, and only the frames a grid lacks are computed. Windows
 * must be asked for in increasing order (as a stream produces them). With a front end that normalises each
 * window ({@link FrontEndConfig.Normalization#CMN}) the rings hold the frames' Q10 values as computed, and each
 * window's rows are normalised over the window into a copy ({@link AudioFrontEnd#normalize}), then quantised.
 */
final class WindowFeatures {
    private final Int8Model model;
    private final AudioFrontEnd frontEnd;
    private final FrameReuse reuse;
    private final short[] audio;
    private final byte[][] rings;
    /** CMN: the rings of Q10 frames instead of {@link #rings}. */
    private final int[][] rawRings;
    private final boolean cmn;
    private final int[] next;
    private int computedFrames;

    WindowFeatures(Int8Model model, int hopSamples, short[] audio) {
        this.model = model;
        this.frontEnd = new AudioFrontEnd(model.frontEnd());
        this.reuse = FrameReuse.of(model.frontEnd(), hopSamples);
        this.audio = audio;
        this.cmn = model.frontEnd().normalization() == FrontEndConfig.Normalization.CMN;
        this.rings = new byte[cmn ? 0 : reuse.phases()][2 * reuse.frames() * reuse.featuresPerFrame()];
        this.rawRings = new int[cmn ? reuse.phases() : 0][2 * reuse.frames() * reuse.featuresPerFrame()];
        this.next = new int[reuse.phases()];
    }

    /** Window k's features, frames × featuresPerFrame. */
    byte[] window(int k) {
        int frames = reuse.frames();
        int rowBytes = reuse.featuresPerFrame();
        int inputBytes = frames * rowBytes;
        if (reuse.phases() == 0) {
            int from = k * reuse.hopSamples();
            computedFrames += frames;
            return frontEnd.features(Arrays.copyOfRange(audio, from, from + model.frontEnd().clipSamples()),
                    model.input().scale(), model.input().zeroPoint());
        }
        int phase = reuse.phase(k);
        int first = reuse.firstFrame(k);
        if (cmn) {
            return normalisedWindow(k, phase, first);
        }
        byte[] ring = rings[phase];
        // The frames this grid lacks, in runs that do not wrap, each also written one ring later.
        for (int j = Math.max(next[phase], first); j < first + frames; ) {
            int row = j % frames;
            int n = Math.min(first + frames - j, frames - row);
            byte[] q = frontEnd.quantize(frontEnd.rawFrames(audio, reuse.offset(k) + j * reuse.strideSamples(), n),
                    model.input().scale(), model.input().zeroPoint());
            System.arraycopy(q, 0, ring, row * rowBytes, q.length);
            System.arraycopy(q, 0, ring, (row + frames) * rowBytes, q.length);
            computedFrames += n;
            j += n;
        }
        next[phase] = first + frames;
        int at = (first % frames) * rowBytes;
        return Arrays.copyOfRange(ring, at, at + inputBytes);
    }

    /** {@link #window} with CMN: the same plan over rings of Q10 frames, each window normalised into a copy. */
    private byte[] normalisedWindow(int k, int phase, int first) {
        int frames = reuse.frames();
        int row0 = reuse.featuresPerFrame();
        int[] ring = rawRings[phase];
        for (int j = Math.max(next[phase], first); j < first + frames; ) {
            int row = j % frames;
            int n = Math.min(first + frames - j, frames - row);
            int[] raw = frontEnd.rawFrames(audio, reuse.offset(k) + j * reuse.strideSamples(), n);
            System.arraycopy(raw, 0, ring, row * row0, raw.length);
            System.arraycopy(raw, 0, ring, (row + frames) * row0, raw.length);
            computedFrames += n;
            j += n;
        }
        next[phase] = first + frames;
        int at = (first % frames) * row0;
        int[] window = Arrays.copyOfRange(ring, at, at + frames * row0);
        AudioFrontEnd.normalize(window, window, frames, row0);
        return frontEnd.quantize(window, model.input().scale(), model.input().zeroPoint());
    }

    /** Frames computed so far over all windows. */
    int computedFrames() {
        return computedFrames;
    }
}
