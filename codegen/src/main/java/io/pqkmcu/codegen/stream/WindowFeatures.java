package io.pqkmcu.codegen.stream;

import io.pqkmcu.trainer.frontend.AudioFrontEnd;
import io.pqkmcu.trainer.model.Int8Model;

import java.util.Arrays;

/**
 * The int8 model input of each window of a stream, computed as the stream firmware does ({@link FrameReuse}):
 * per frame grid a ring of 2·frames feature rows, frame j at rows j mod frames and j mod frames + frames,
 * so that each window is one contiguous run of rows, and only the frames a grid lacks are computed. Windows
 * must be asked for in increasing order (as a stream produces them).
 */
final class WindowFeatures {
    private final Int8Model model;
    private final AudioFrontEnd frontEnd;
    private final FrameReuse reuse;
    private final short[] audio;
    private final byte[][] rings;
    private final int[] next;
    private int computedFrames;

    WindowFeatures(Int8Model model, int hopSamples, short[] audio) {
        this.model = model;
        this.frontEnd = new AudioFrontEnd(model.frontEnd());
        this.reuse = FrameReuse.of(model.frontEnd(), hopSamples);
        this.audio = audio;
        this.rings = new byte[reuse.phases()][2 * reuse.frames() * reuse.featuresPerFrame()];
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

    /** Frames computed so far over all windows. */
    int computedFrames() {
        return computedFrames;
    }
}
