package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Pcm;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.data.WavFormatException;
import io.pqkmcu.model.data.WavHeader;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One example of a keyword-spotting dataset: its label, a path to show in reports, and the recipe for its
 * audio. {@link #load()} reads the audio only when asked, and always returns the same samples, so a large
 * dataset can be streamed instead of held in memory.
 */
public final class KwsEntry {
    private final int label;
    private final String path;
    private final Path file; // the clip file, or null for silence
    private final Source source;

    private KwsEntry(int label, String path, Path file, Source source) {
        this.label = label;
        this.path = path;
        this.file = file;
        this.source = source;
    }

    /** Where an entry's audio comes from. */
    private interface Source {
        short[] load();
    }

    /** A clip file: read, checked against the contract, zero-padded at the end to the clip length. */
    static KwsEntry file(int label, String path, Path file, int sampleRate, int clipSamples) {
        return new KwsEntry(label, path, file, () -> {
            short[] s = WavFile.readKwsClip(file, sampleRate);
            checkLength(file, s.length, clipSamples, sampleRate);
            return s.length == clipSamples ? s : Arrays.copyOf(s, clipSamples);
        });
    }

    /** A window of a long background recording scaled by {@code volume} (a _silence_ example). */
    static KwsEntry noiseCut(int label, Path file, WavHeader header, long offset, double volume, int clipSamples) {
        String shown = file.getParent().getFileName() + "/" + file.getFileName() + "@" + offset + "x"
                + String.format(java.util.Locale.ROOT, "%.3f", volume);
        return new KwsEntry(label, shown, null, () -> {
            short[] s = WavFile.readFrames(file, header, offset, clipSamples);
            for (int i = 0; i < s.length; i++) {
                s[i] = Pcm.saturate(s[i] * volume);
            }
            return s;
        });
    }

    /** All zeros (a _silence_ example). */
    static KwsEntry zeros(int label, int clipSamples) {
        return new KwsEntry(label, "(zeros)", null, () -> new short[clipSamples]);
    }

    /** A clip may be shorter than the clip length (it is padded) but not empty and not longer. */
    static void checkLength(Path file, long samples, int clipSamples, int sampleRate) {
        if (samples == 0) {
            throw new WavFormatException(file + ": holds no audio (0 samples); re-record or delete it");
        }
        if (samples > clipSamples) {
            throw new WavFormatException(file + ": " + samples + " samples (" + samples * 1000 / sampleRate
                    + " ms) is longer than a clip of " + clipSamples + " samples; trim it (sox "
                    + io.pqkmcu.model.util.ShellQuote.quote(file.toString()) + " out.wav trim 0 " + clipSamples + "s)");
        }
    }

    /** The clip file behind a word entry; null for a silence entry. */
    Path file() {
        return file;
    }

    /** Index into the task's labels. */
    public int label() {
        return label;
    }

    /** The clip's path relative to the dataset root, or a description of a silence clip. */
    public String path() {
        return path;
    }

    /**
     * Reads the audio: exactly the task's clip length of 16-bit mono samples, the same on every call.
     *
     * @throws WavFormatException if the file changed or broke since the dataset was loaded
     */
    public short[] load() {
        return source.load();
    }

    @Override
    public String toString() {
        return path + " (label " + label + ")";
    }
}
