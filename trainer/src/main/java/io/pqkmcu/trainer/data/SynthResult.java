package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Split;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a synthetic generation produced.
 *
 * @param root          the dataset directory
 * @param espeakVersion espeak-ng version that spoke the words (part of the reproducibility key)
 * @param speakers      the speakers with their splits, in generation order
 * @param clipsPerSplit clip counts per split
 * @param clipsPerWord  clip counts per word, in option order
 * @param noiseFiles    file names under {@code _background_noise_}
 */
public record SynthResult(Path root, String espeakVersion, List<Assigned> speakers, Map<Split, Integer> clipsPerSplit,
                          Map<String, Integer> clipsPerWord, List<String> noiseFiles) {

    /** A speaker and the split all its clips belong to. */
    public record Assigned(SynthSpeaker speaker, Split split) {}

    public int totalClips() {
        return clipsPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    }
}
