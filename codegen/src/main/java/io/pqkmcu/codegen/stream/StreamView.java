package io.pqkmcu.codegen.stream;

import java.util.List;

/**
 * What the stream firmware templates print (data model key {@code stream}); computed by {@link StreamData}.
 *
 * @param windowSamples     samples per window: the front end's clip length
 * @param expQ15            the integer softmax table ({@link PosteriorTable}), 256 values
 * @param keywordMask       1 for classes that may be detected, 0 for {@code _silence_}, {@code _unknown_}, ...
 * @param windows           windows the Java twin ran (the firmware derives its own count from the blob size)
 * @param expectedDetections detections the Java twin made
 * @param strideSamples     samples between frames
 * @param phases            frame grids with a feature ring each ({@link FrameReuse}); 0: no reuse
 * @param framesPerWindow   frames a window computes once its ring is warm
 */
public record StreamView(int sampleRate, int windowSamples, int hopSamples, int smoothingWindows, int thresholdQ15,
                         int refractoryWindows, List<Integer> expQ15, List<Integer> keywordMask, int windows,
                         int expectedDetections, String threshold, int hopMs, int strideSamples, int phases,
                         int framesPerWindow) {
    public StreamView {
        expQ15 = List.copyOf(expQ15);
        keywordMask = List.copyOf(keywordMask);
    }
}
