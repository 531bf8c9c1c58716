package io.pqkmcu.codegen.device;

import io.pqkmcu.codegen.stream.Detection;

import java.util.Arrays;
import java.util.List;

/**
 * A stream firmware's run: every window's result, the detections, and the firmware's verdict.
 *
 * @param firmwarePassed the firmware reported PASS (logits and detections equal to the Java twin's) and
 *                       exited with status 0
 */
public record StreamRunResult(String boardId, List<VectorResult> windows, long[] detectorInstructions,
                              List<Detection> detections, boolean firmwarePassed) {
    public StreamRunResult {
        windows = List.copyOf(windows);
        detections = List.copyOf(detections);
        detectorInstructions = detectorInstructions.clone();
    }

    public long medianFrontEndInstructions() {
        return median(windows.stream().mapToLong(VectorResult::frontEndInstructions).toArray());
    }

    public long medianModelInstructions() {
        return median(windows.stream().mapToLong(VectorResult::modelInstructions).toArray());
    }

    public long medianDetectorInstructions() {
        return median(detectorInstructions);
    }

    private static long median(long[] v) {
        if (v.length == 0) {
            return 0;
        }
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
