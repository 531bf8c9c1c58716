package io.pqkmcu.codegen.device;

import io.pqkmcu.codegen.stream.Detection;

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
        return DeviceRunResult.median(windows.stream().mapToLong(VectorResult::frontEndInstructions).toArray());
    }

    public long medianModelInstructions() {
        return DeviceRunResult.median(windows.stream().mapToLong(VectorResult::modelInstructions).toArray());
    }

    public long medianDetectorInstructions() {
        return DeviceRunResult.median(detectorInstructions);
    }
}
