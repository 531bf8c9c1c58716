package io.pqkmcu.codegen.stream;

import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.interp.Int8Interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The streaming detector in Java: the twin of the stream firmware's C (firmware_stream_c.ftl), decision for
 * decision. Feed it each window's int8 logits in order with {@link #push}; or let {@link #run} slide the
 * window over a whole stream through the Java front end and int8 interpreter, which compute the same logits
 * as the device.
 *
 * <p>Keyword classes are the labels not starting with '_' (Speech Commands' {@code _silence_} and
 * {@code _unknown_} are never reported).
 */
public final class StreamDetector {
    private final StreamConfig config;
    private final PosteriorTable table;
    private final boolean[] keyword;
    private final int sampleRate;
    private final int windowSamples;
    /** The last posteriors, a ring of config.smoothingWindows() rows. */
    private final int[][] history;
    private int windows;
    private int lastDetection = -1;
    private int lastBest;
    private int lastScore;

    public StreamDetector(Int8Model model, StreamConfig config) {
        if (model.frontEnd() == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no audio front end; streaming "
                    + "keyword spotting needs one");
        }
        this.config = config;
        this.table = PosteriorTable.forScale(model.output().scale());
        this.keyword = keywordMask(model.labels());
        this.sampleRate = model.frontEnd().sampleRate();
        this.windowSamples = model.frontEnd().clipSamples();
        this.history = new int[config.smoothingWindows()][model.labels().size()];
    }

    /** Which classes may be detected: every label that does not start with '_'. */
    public static boolean[] keywordMask(List<String> labels) {
        boolean[] k = new boolean[labels.size()];
        boolean any = false;
        for (int i = 0; i < k.length; i++) {
            k[i] = !labels.get(i).startsWith("_");
            any |= k[i];
        }
        if (!any) {
            throw new IllegalArgumentException("the model has no keyword classes (every label starts with '_')");
        }
        return k;
    }

    /** Windows in a stream of {@code samples}: as many hops as fit a whole window. */
    public static int windowCount(int samples, int windowSamples, int hopSamples) {
        return samples < windowSamples ? 0 : (samples - windowSamples) / hopSamples + 1;
    }

    /** Takes the next window's logits; returns the detection it triggers, if any. */
    public Optional<Detection> push(byte[] logits) {
        int classes = keyword.length;
        if (logits.length != classes) {
            throw new IllegalArgumentException(logits.length + " logits for " + classes + " classes");
        }
        int k = windows++;
        history[k % history.length] = table.posteriors(logits);
        int n = Math.min(k + 1, history.length);
        int best = 0;
        int bestScore = -1;
        for (int c = 0; c < classes; c++) {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += history[i][c];
            }
            int smoothed = sum / n;
            if (smoothed > bestScore) { // first class wins ties, as in the C loop
                bestScore = smoothed;
                best = c;
            }
        }
        lastBest = best;
        lastScore = bestScore;
        if (keyword[best] && bestScore >= config.thresholdQ15()
                && (lastDetection < 0 || k - lastDetection >= config.refractoryWindows())) {
            lastDetection = k;
            return Optional.of(new Detection(k, windowEndMs(k), best, bestScore));
        }
        return Optional.empty();
    }

    /** The smoothed argmax of the last window pushed (what the firmware prints as pred). */
    public int lastBest() {
        return lastBest;
    }

    /** Its smoothed posterior, Q15. */
    public int lastScore() {
        return lastScore;
    }

    /** End of window k in ms from the stream's start (integer division, as on the device). */
    public long windowEndMs(int k) {
        return ((long) k * config.hopSamples() + windowSamples) * 1000L / sampleRate;
    }

    /**
     * Every window's logits, smoothed argmax and its score, and the detections, for a whole stream.
     *
     * @param windowBest  per window, the class with the highest smoothed posterior
     * @param windowScore per window, that posterior (Q15)
     */
    public record Result(List<byte[]> windowLogits, List<Integer> windowBest, List<Integer> windowScore,
                         List<Detection> detections) {
        public Result {
            windowLogits = List.copyOf(windowLogits);
            windowBest = List.copyOf(windowBest);
            windowScore = List.copyOf(windowScore);
            detections = List.copyOf(detections);
        }
    }

    /**
     * Runs a fresh detector over {@code audio} (16-bit samples at the front end's rate) with the Java front end
     * and int8 interpreter. Like the firmware it computes each frame once ({@link FrameReuse}): per grid a
     * ring of 2·frames feature rows, each window one contiguous run of it.
     */
    public static Result run(Int8Model model, StreamConfig config, short[] audio) {
        StreamDetector d = new StreamDetector(model, config);
        Int8Interpreter interp = new Int8Interpreter(model);
        WindowFeatures features = new WindowFeatures(model, config.hopSamples(), audio);
        int count = windowCount(audio.length, d.windowSamples, config.hopSamples());
        List<byte[]> logits = new ArrayList<>(count);
        List<Detection> detections = new ArrayList<>();
        List<Integer> best = new ArrayList<>(count);
        List<Integer> score = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            byte[] input = features.window(k);
            byte[] out = interp.run(input);
            logits.add(out);
            d.push(out).ifPresent(detections::add);
            best.add(d.lastBest());
            score.add(d.lastScore());
        }
        return new Result(logits, best, score, detections);
    }
}
