package io.pqkmcu.codegen.stream;

import io.pqkmcu.codegen.render.Blobs;
import io.pqkmcu.model.Int8Model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * The stream firmware's data: the audio stream, the logits the Java twin computed for every window, and
 * its detections, as binary blobs that {@code firmware/stream_data.S} pulls in with {@code .incbin} (so a
 * long stream never passes through the C compiler), plus the view the templates print.
 */
public final class StreamData {
    public static final String AUDIO = "firmware/stream_audio.bin";
    public static final String EXPECTED = "firmware/stream_expected.bin";
    public static final String DETECTIONS = "firmware/stream_detections.bin";
    /** Bytes per expected detection in {@link #DETECTIONS}: window, label, score as little-endian int32. */
    public static final int DETECTION_BYTES = 12;

    private final StreamDetector.Result expected;
    private final StreamView view;
    private final Blobs blobs;

    private StreamData(StreamDetector.Result expected, StreamView view, Blobs blobs) {
        this.expected = expected;
        this.view = view;
        this.blobs = blobs;
    }

    /** Runs the Java twin over the stream and lays out the blobs. */
    public static StreamData of(Int8Model model, StreamInput input) {
        if (model.frontEnd() == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no audio front end; streaming "
                    + "keyword spotting needs one");
        }
        short[] audio = input.audio();
        int window = model.frontEnd().clipSamples();
        int rate = model.frontEnd().sampleRate();
        if (audio.length < window) {
            throw new IllegalArgumentException("the stream has " + audio.length + " samples, less than one "
                    + window + "-sample window (" + (window * 1000L / rate) + " ms)");
        }
        StreamConfig cfg = input.config();
        StreamDetector.Result r = StreamDetector.run(model, cfg, audio);

        ByteBuffer e = ByteBuffer.allocate(r.windowLogits().size() * model.output().size());
        r.windowLogits().forEach(e::put);
        ByteBuffer d = ByteBuffer.allocate(r.detections().size() * DETECTION_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Detection det : r.detections()) {
            d.putInt(det.window()).putInt(det.label()).putInt(det.score());
        }
        List<Integer> table = new ArrayList<>();
        for (int v : PosteriorTable.forScale(model.output().scale()).values()) {
            table.add(v);
        }
        List<Integer> mask = new ArrayList<>();
        for (boolean k : StreamDetector.keywordMask(model.labels())) {
            mask.add(k ? 1 : 0);
        }
        FrameReuse reuse = FrameReuse.of(model.frontEnd(), cfg.hopSamples());
        StreamView view = new StreamView(rate, window, cfg.hopSamples(), cfg.smoothingWindows(), cfg.thresholdQ15(),
                cfg.refractoryWindows(), table, mask, r.windowLogits().size(), r.detections().size(),
                String.format(Locale.ROOT, "%.4f", cfg.thresholdQ15() / (double) StreamConfig.ONE_Q15),
                (int) Math.round(cfg.hopSamples() * 1000.0 / rate), reuse.strideSamples(), reuse.phases(),
                reuse.framesPerWindow());
        return new StreamData(r, view, new Blobs(AUDIO, Blobs.int16le(audio), EXPECTED, e.array(), DETECTIONS,
                d.array()));
    }

    /** What the Java twin computed: every window's logits and the detections. */
    public StreamDetector.Result expected() {
        return expected;
    }

    public StreamView view() {
        return view;
    }

    /** Flash the three blobs take. */
    public long flashBytes() {
        return blobs.flashBytes();
    }

    /** The blobs by project-relative path. */
    public SortedMap<String, byte[]> files() {
        return blobs.files();
    }
}
