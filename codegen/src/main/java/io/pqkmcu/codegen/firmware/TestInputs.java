package io.pqkmcu.codegen.firmware;

import java.util.ArrayList;
import java.util.List;

/**
 * What the test firmware runs: either int8 model inputs, or 16-bit audio clips that go through the
 * on-device front end first (models with a front end). Labels are optional (−1 = unknown); with them the
 * firmware also reports how many predictions were right.
 *
 * @param vectors int8 model inputs (empty when clips are given)
 * @param clips   audio clips (empty when vectors are given)
 * @param labels  one class index per input, or −1
 */
public record TestInputs(List<byte[]> vectors, List<short[]> clips, List<Integer> labels) {
    public TestInputs {
        vectors = List.copyOf(vectors);
        clips = List.copyOf(clips);
        labels = List.copyOf(labels);
        if (!vectors.isEmpty() && !clips.isEmpty()) {
            throw new IllegalArgumentException("give test vectors or audio clips, not both");
        }
        if (labels.size() != Math.max(vectors.size(), clips.size())) {
            throw new IllegalArgumentException(labels.size() + " labels for " + Math.max(vectors.size(), clips.size())
                    + " test inputs");
        }
    }

    public static TestInputs none() {
        return new TestInputs(List.of(), List.of(), List.of());
    }

    public static TestInputs vectors(List<byte[]> vectors) {
        return new TestInputs(vectors, List.of(), unlabelled(vectors.size()));
    }

    public static TestInputs clips(List<short[]> clips, List<Integer> labels) {
        return new TestInputs(List.of(), clips, labels);
    }

    private static List<Integer> unlabelled(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(-1);
        }
        return l;
    }

    public boolean audio() {
        return !clips.isEmpty();
    }

    public boolean isEmpty() {
        return vectors.isEmpty() && clips.isEmpty();
    }

    public int size() {
        return Math.max(vectors.size(), clips.size());
    }
}
