package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.WavAudio;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.util.MissingProgramException;
import io.pqkmcu.model.util.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RHVoice ({@code RHVoice-test}, Debian's rhvoice + rhvoice-english): a statistical parametric (HTS) engine,
 * a third way of making speech beside espeak-ng's formant rules and Pico's. Its English voices are four
 * American ones (alan, bdl, clb, slt, built from the CMU ARCTIC recordings) and two Russian speakers
 * speaking English (evgeniy-eng, lyubov). Pitch and rate are the engine's own (its vocoder changes them,
 * unlike sox afterwards). Deterministic: the same arguments give the same bytes.
 */
public final class RhVoiceTts {
    public static final String PROGRAM = "RHVoice-test";
    public static final String INSTALL_HINT = "apt-get install -y rhvoice rhvoice-english";
    /** The English voices RHVoice ships, in a fixed order; the installed ones are used. */
    public static final List<String> VOICES = List.of("alan", "bdl", "clb", "slt", "evgeniy-eng", "lyubov");
    /**
     * Other languages' voices, in a fixed order: each reads the English words through its own language's rules
     * and phonemes, a foreign accent from a recorded speaker (Debian's rhvoice-russian, -ukrainian, -polish,
     * -brazilian-portuguese, -macedonian, -albanian, -esperanto, -kyrgyz, -tatar). The installed ones are used.
     */
    public static final List<String> ACCENT_VOICES = List.of("aleksandr", "anna", "arina", "artemiy", "elena",
            "evgeniy-rus", "irina", "mikhail", "pavel", "tatiana", "victoria", "vitaliy", "yuriy", "anatol", "marianna",
            "natalia", "volodymyr", "magda", "natan", "Leticia-F123", "kiko", "hana", "spomenka", "azamat", "nazgul",
            "talgat", "suze");
    public static final String ACCENT_INSTALL_HINT = "apt-get install -y rhvoice-russian rhvoice-ukrainian rhvoice-polish "
            + "rhvoice-brazilian-portuguese rhvoice-macedonian rhvoice-albanian rhvoice-esperanto rhvoice-kyrgyz rhvoice-tatar";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String program;

    private RhVoiceTts(String program) {
        this.program = program;
    }

    /** @throws MissingProgramException naming RHVoice-test and how to install it */
    public static RhVoiceTts locate() {
        Path p = ProcessRunner.find(PROGRAM).orElseThrow(() -> new MissingProgramException(PROGRAM, INSTALL_HINT));
        return new RhVoiceTts(p.toString());
    }

    /** True when RHVoice-test is on PATH. */
    public static boolean available() {
        return ProcessRunner.find(PROGRAM).isPresent();
    }

    /** The installed voices: English ones, and the accent voices when asked for (else empty). */
    public record Installed(List<String> english, List<String> accents) {}

    /**
     * The voices that are installed. RHVoice has no voice listing and, asked for a voice it lacks, speaks with its
     * default one (alan); so a voice counts as installed when its "yes" differs from every voice found before it
     * (English voices first, then accents), and a missing voice is dropped as a copy of the default.
     *
     * @param withAccents also find the accent voices; none installed gives an empty list
     */
    public Installed installed(boolean withAccents) {
        List<short[]> heard = new ArrayList<>();
        List<String> english = distinct(VOICES, heard);
        if (english.isEmpty()) {
            throw new IllegalStateException("RHVoice has none of its English voices " + VOICES + "; install them with: "
                    + INSTALL_HINT);
        }
        return new Installed(english, withAccents ? distinct(ACCENT_VOICES, heard) : List.of());
    }

    /** The English voices that are installed ({@link #installed}). */
    public List<String> installedVoices() {
        return installed(false).english();
    }

    /** The voices of {@code candidates} whose "yes" differs from everything in {@code heard}, which it extends. */
    private List<String> distinct(List<String> candidates, List<short[]> heard) {
        List<String> found = new ArrayList<>();
        for (String v : candidates) {
            short[] s = speak(v, "yes", 100, 100).samples();
            if (heard.stream().noneMatch(h -> Arrays.equals(h, s))) {
                found.add(v);
                heard.add(s);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Speaks {@code text}.
     *
     * @param voice        an RHVoice voice name, e.g. "slt"
     * @param ratePercent  speaking rate, percent of the voice's own (100 = unchanged)
     * @param pitchPercent pitch, percent of the voice's own (100 = unchanged)
     * @return mono 16-bit audio at RHVoice's own rate (24 kHz)
     */
    public WavAudio speak(String voice, String text, int ratePercent, int pitchPercent) {
        Path input = null;
        try {
            // RHVoice-test reads text from stdin or a file only; ProcessRunner gives no stdin, so a private file
            input = Files.createTempFile("pqk-rhvoice", ".txt");
            Files.writeString(input, text, StandardCharsets.UTF_8);
            ProcessRunner.Result r = ProcessRunner.runChecked(List.of(program, "-p", voice, "-r",
                    Integer.toString(ratePercent), "-t", Integer.toString(pitchPercent), "-i", input.toString(), "-o", "-"),
                    TIMEOUT);
            WavAudio a = WavFile.parseStreamed(r.output(), "RHVoice output for '" + text + "' (" + voice + ")");
            if (a.channels() != 1 || a.bitsPerSample() != 16) {
                throw new IllegalStateException("RHVoice produced " + a.channels() + "-channel " + a.bitsPerSample()
                        + "-bit audio; expected mono 16-bit");
            }
            if (a.frames() == 0) {
                throw new IllegalStateException("RHVoice produced no audio for '" + text + "' with voice " + voice);
            }
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write RHVoice's input to a temporary file: " + e.getMessage(), e);
        } finally {
            if (input != null) {
                try {
                    Files.deleteIfExists(input);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless; the result is already read
                }
            }
        }
    }
}
