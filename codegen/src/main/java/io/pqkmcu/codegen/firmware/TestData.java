package io.pqkmcu.codegen.firmware;

import io.pqkmcu.codegen.render.Blobs;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.TensorSpec;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.interp.Int8Interpreter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;

/**
 * The firmware's test data as three binary blobs that {@code firmware/test_data.S} pulls in with
 * {@code .incbin}: inputs (int8 model inputs, or little-endian int16 audio), the logits the Java int8
 * reference computes for them (front end included), and int16 labels. Keeping the data out of C source
 * makes large clip sets cheap to build, and lets a run swap in another chunk of clips by rewriting
 * these files and relinking (see {@link #write}).
 */
public final class TestData {
    public static final String INPUTS = "firmware/test_inputs.bin";
    public static final String EXPECTED = "firmware/test_expected.bin";
    public static final String LABELS = "firmware/test_labels.bin";
    /** Inputs used when none are given: a couple of seeded random vectors, enough to prove bit-exactness. */
    public static final int DEFAULT_VECTORS = 2;

    private final boolean audio;
    private final List<byte[]> expected;
    private final Blobs blobs;

    private TestData(boolean audio, List<byte[]> expected, Blobs blobs) {
        this.audio = audio;
        this.expected = expected;
        this.blobs = blobs;
    }

    /**
     * Builds the blobs, running the Java reference (front end + interpreter) for the expected logits.
     * With no inputs given, uses {@link #DEFAULT_VECTORS} inputs seeded by {@code seed}: random int8
     * vectors, or for a model with a front end, noisy chirps so that the front end runs on the device too.
     */
    public static TestData of(Int8Model model, TestInputs tests, long seed) {
        TensorSpec in = model.input();
        TestInputs t = tests;
        if (t.isEmpty()) {
            t = model.frontEnd() == null ? TestInputs.vectors(randomVectors(in.size(), seed))
                    : TestInputs.clips(randomClips(model.frontEnd().clipSamples(), seed),
                            java.util.Collections.nCopies(DEFAULT_VECTORS, -1));
        }
        if (t.audio() && model.frontEnd() == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no audio front end; give it int8 "
                    + "input vectors instead of audio clips");
        }
        Int8Interpreter interp = new Int8Interpreter(model);
        AudioFrontEnd frontEnd = t.audio() ? new AudioFrontEnd(model.frontEnd()) : null;
        int n = t.size();
        int inputBytes = t.audio() ? 2 * model.frontEnd().clipSamples() : in.size();
        ByteBuffer inputs = ByteBuffer.allocate(n * inputBytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer labels = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(n * model.output().size());
        List<byte[]> expected = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] features;
            if (t.audio()) {
                short[] clip = t.clips().get(i);
                if (clip.length != model.frontEnd().clipSamples()) {
                    throw new IllegalArgumentException("test clip " + i + " has " + clip.length + " samples; the front end "
                            + "takes " + model.frontEnd().clipSamples());
                }
                inputs.put(Blobs.int16le(clip));
                features = frontEnd.features(clip, in.scale(), in.zeroPoint());
            } else {
                features = t.vectors().get(i);
                if (features.length != in.size()) {
                    throw new IllegalArgumentException("test vector " + i + " has " + features.length + " values but model '"
                            + model.name() + "' takes " + in.shapeString() + " = " + in.size());
                }
                inputs.put(features);
            }
            byte[] logits = interp.run(features);
            expected.add(logits);
            out.put(logits);
            int label = t.labels().get(i);
            if (label < -1 || label >= model.labels().size()) {
                throw new IllegalArgumentException("test input " + i + " has label " + label + " outside 0.."
                        + (model.labels().size() - 1));
            }
            labels.putShort((short) label);
        }
        return new TestData(t.audio(), expected, new Blobs(INPUTS, inputs.array(), EXPECTED, out.array(), LABELS,
                labels.array()));
    }

    private static List<byte[]> randomVectors(int size, long seed) {
        Random rnd = new Random(seed);
        List<byte[]> vectors = new ArrayList<>();
        for (int i = 0; i < DEFAULT_VECTORS; i++) {
            byte[] v = new byte[size];
            rnd.nextBytes(v);
            vectors.add(v);
        }
        return vectors;
    }

    /** Chirps with noise at two levels: speech-like energy spread over the front end's bands. */
    private static List<short[]> randomClips(int samples, long seed) {
        Random rnd = new Random(seed);
        List<short[]> clips = new ArrayList<>();
        for (int c = 0; c < DEFAULT_VECTORS; c++) {
            short[] s = new short[samples];
            double amplitude = c == 0 ? 3000 : 20000;
            for (int i = 0; i < samples; i++) {
                double t = (double) i / samples;
                double v = amplitude * Math.sin(2 * Math.PI * (200 + 1500 * t) * t * samples / 16000.0)
                        + amplitude / 4 * rnd.nextGaussian();
                s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            }
            clips.add(s);
        }
        return clips;
    }

    public boolean audio() {
        return audio;
    }

    public int count() {
        return expected.size();
    }

    /** The Java reference's logits per input, in order. */
    public List<byte[]> expected() {
        return expected;
    }

    /** The inputs' labels, in order (−1 when unknown). */
    public List<Integer> labels() {
        ByteBuffer b = ByteBuffer.wrap(blobs.get(LABELS)).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> l = new ArrayList<>();
        while (b.hasRemaining()) {
            l.add((int) b.getShort());
        }
        return l;
    }

    /** Flash the three blobs take. */
    public long flashBytes() {
        return blobs.flashBytes();
    }

    /** The blobs by project-relative path. */
    public SortedMap<String, byte[]> files() {
        return blobs.files();
    }

    /** Rewrites the blobs of an existing project (for running another chunk of clips). */
    public void write(java.nio.file.Path projectDir) {
        blobs.write(projectDir);
    }
}
