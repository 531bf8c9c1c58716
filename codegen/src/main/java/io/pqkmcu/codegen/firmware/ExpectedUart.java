package io.pqkmcu.codegen.firmware;

import io.pqkmcu.codegen.stream.Detection;
import io.pqkmcu.codegen.stream.StreamData;
import io.pqkmcu.codegen.stream.StreamDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * The UART lines a firmware must print, as regular expressions computed from the Java int8 reference: exact
 * logits, predictions, labels, detections and verdicts; any positive number where the firmware prints instruction
 * counts. Used for Renode's Robot tests, so only the regex syntax Java and .NET share: anchors, {@code \d},
 * character classes, quantifiers and backslash-escaped literals.
 */
public final class ExpectedUart {
    /**
     * An instruction count: any positive number. The Java side cannot know the counts, but a counter that does
     * not run (SysTick stopped, or not modelled) prints 0, which this refuses.
     */
    private static final String NUMBER = "[1-9]\\d*";

    private ExpectedUart() {}

    /** The test firmware's lines for {@code tests} (format in firmware_main_c.ftl). */
    public static List<String> test(String modelName, String checksum, TestData tests, boolean printsExit) {
        List<String> lines = new ArrayList<>();
        lines.add("^" + literal("PQK model " + modelName + " " + checksum + " vectors=" + tests.count()) + "$");
        List<Integer> labels = tests.labels();
        // Inputs that are features already (no audio clips) skip the front end: it costs nothing.
        String frontEnd = tests.audio() ? NUMBER : "0";
        for (int v = 0; v < tests.count(); v++) {
            byte[] logits = tests.expected().get(v);
            lines.add("^" + literal("PQK vector " + v + " label=" + labels.get(v) + " pred=" + argmax(logits)
                    + " status=0 mismatches=0 frontend_instructions=") + frontEnd + " model_instructions=" + NUMBER
                    + literal(" logits=" + join(logits) + " # "));
        }
        lines.add("^" + literal("PQK RESULT PASS vectors=" + tests.count() + " mismatched=0 "));
        if (printsExit) {
            lines.add("^PQK EXIT 0$");
        }
        return lines;
    }

    /** The stream firmware's lines (format in firmware_stream_c.ftl). */
    public static List<String> stream(String modelName, String checksum, StreamData data, int samples,
                                      boolean printsExit) {
        StreamDetector.Result r = data.expected();
        int windows = r.windowLogits().size();
        List<String> lines = new ArrayList<>();
        lines.add("^" + literal("PQK stream " + modelName + " " + checksum + " samples=" + samples + " windows=" + windows
                + " hop=" + data.view().hopSamples()) + "$");
        int next = 0;
        for (int k = 0; k < windows; k++) {
            long timeMs = ((long) k * data.view().hopSamples() + data.view().windowSamples()) * 1000L
                    / data.view().sampleRate();
            lines.add("^" + literal("PQK window " + k + " time_ms=" + timeMs + " pred=" + r.windowBest().get(k)
                    + " status=0 mismatches=0 frontend_instructions=") + NUMBER + " model_instructions=" + NUMBER
                    + " detector_instructions=" + NUMBER
                    + literal(" score=" + r.windowScore().get(k) + " logits=" + join(r.windowLogits().get(k))) + "$");
            if (next < r.detections().size() && r.detections().get(next).window() == k) {
                Detection d = r.detections().get(next);
                lines.add("^" + literal("PQK detection " + next + " window=" + k + " time_ms=" + d.timeMs() + " label="
                        + d.label() + " score=" + d.score() + " # "));
                next++;
            }
        }
        lines.add("^" + literal("PQK RESULT PASS windows=" + windows + " mismatched=0 detections=" + r.detections().size()
                + " expected=" + r.detections().size() + " wrong=0") + "$");
        if (printsExit) {
            lines.add("^PQK EXIT 0$");
        }
        return lines;
    }

    /** First index of the largest logit, as the firmware picks it. */
    static int argmax(byte[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String join(byte[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(values[i]);
        }
        return s.toString();
    }

    /** {@code text} as a regex matching itself: metacharacters backslash-escaped (no \Q..\E, which .NET lacks). */
    static String literal(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }
}
