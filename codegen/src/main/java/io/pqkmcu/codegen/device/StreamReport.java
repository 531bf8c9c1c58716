package io.pqkmcu.codegen.device;

import io.pqkmcu.codegen.stream.Detection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the stream firmware's UART output (format documented in firmware_stream_c.ftl): one result per
 * window (as a {@link VectorResult} without label, with the window's detector cost and smoothed score), the
 * detections, and the firmware's verdict.
 */
public final class StreamReport {
    private static final Pattern WINDOW = Pattern.compile("^PQK window (\\d+) time_ms=(\\d+) pred=(\\d+) status=(-?\\d+) "
            + "mismatches=(\\d+) frontend_instructions=(\\d+) model_instructions=(\\d+) detector_instructions=(\\d+) "
            + "score=(-?\\d+) logits=(-?\\d+(?:,-?\\d+)*)$");
    private static final Pattern DETECTION = Pattern.compile(
            "^PQK detection (\\d+) window=(\\d+) time_ms=(\\d+) label=(\\d+) score=(\\d+)(?: #.*)?$");
    private static final Pattern RESULT = Pattern.compile(
            "^PQK RESULT (PASS|FAIL) windows=(\\d+) mismatched=(\\d+) detections=(\\d+) expected=(\\d+) wrong=(\\d+)$");

    private StreamReport() {}

    /**
     * @param windows              per window: logits, prediction (the smoothed argmax), instruction counts
     * @param detectorInstructions per window: instructions of the posterior, smoothing and decision
     * @param detections           what the firmware detected, in order
     * @param pass                 the firmware's verdict: every window's logits and every detection equal the twin's
     */
    public record Parsed(List<VectorResult> windows, long[] detectorInstructions, List<Detection> detections,
                         boolean pass) {}

    /** @throws IllegalStateException when the output is incomplete or garbled, with the output quoted */
    public static Parsed parse(String uart) {
        List<VectorResult> windows = new ArrayList<>();
        List<Long> detector = new ArrayList<>();
        List<Detection> detections = new ArrayList<>();
        Boolean pass = null;
        int announcedWindows = -1;
        int announcedDetections = -1;
        for (String line : uart.split("\\R")) {
            Matcher w = WINDOW.matcher(line);
            if (w.matches()) {
                String[] parts = w.group(10).split(",");
                byte[] logits = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    logits[i] = (byte) Integer.parseInt(parts[i]);
                }
                windows.add(new VectorResult(Integer.parseInt(w.group(1)), -1, Integer.parseInt(w.group(3)),
                        Integer.parseInt(w.group(4)), Integer.parseInt(w.group(5)), Long.parseLong(w.group(6)),
                        Long.parseLong(w.group(7)), logits));
                detector.add(Long.parseLong(w.group(8)));
                continue;
            }
            Matcher d = DETECTION.matcher(line);
            if (d.matches()) {
                detections.add(new Detection(Integer.parseInt(d.group(2)), Long.parseLong(d.group(3)),
                        Integer.parseInt(d.group(4)), Integer.parseInt(d.group(5))));
                continue;
            }
            Matcher r = RESULT.matcher(line);
            if (r.matches()) {
                pass = r.group(1).equals("PASS");
                announcedWindows = Integer.parseInt(r.group(2));
                announcedDetections = Integer.parseInt(r.group(4));
            }
        }
        if (pass == null) {
            throw new IllegalStateException("the stream firmware did not finish its report; UART output was:\n" + tail(uart));
        }
        if (announcedWindows != windows.size() || announcedDetections != detections.size()) {
            throw new IllegalStateException("the stream firmware reported " + announcedWindows + " windows and "
                    + announcedDetections + " detections but printed " + windows.size() + " and " + detections.size()
                    + "; UART output was:\n" + tail(uart));
        }
        return new Parsed(windows, detector.stream().mapToLong(Long::longValue).toArray(), detections, pass);
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
