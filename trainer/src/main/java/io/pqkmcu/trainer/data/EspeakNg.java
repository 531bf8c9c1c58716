package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.Resampler;
import io.pqkmcu.model.data.WavAudio;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.util.MissingProgramException;
import io.pqkmcu.model.util.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The espeak-ng speech synthesiser, driven as an external program. Its output for given arguments is
 * deterministic for a given espeak-ng version, which is what makes the synthetic dataset reproducible.
 */
public final class EspeakNg {
    public static final String PROGRAM = "espeak-ng";
    public static final String INSTALL_HINT = "apt-get install -y espeak-ng";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern VERSION = Pattern.compile("text-to-speech:\\s*(\\S+)");

    private final String program;

    private EspeakNg(String program) {
        this.program = program;
    }

    /**
     * Finds espeak-ng on PATH.
     *
     * @throws MissingProgramException "espeak-ng is not installed; install it with: …"
     */
    public static EspeakNg locate() {
        return locate(PROGRAM);
    }

    /** Finds a given espeak-ng binary (a name on PATH or a path); tests use it to simulate a missing one. */
    static EspeakNg locate(String program) {
        // the message names espeak-ng even for a custom path: installing the package is the fix either way
        Path p = ProcessRunner.find(program).orElseThrow(() -> new MissingProgramException(PROGRAM, INSTALL_HINT));
        return new EspeakNg(p.toString());
    }

    /** The version number, e.g. "1.51" (without the machine-specific data path espeak-ng also prints). */
    public String version() {
        String out = ProcessRunner.runChecked(List.of(program, "--version"), TIMEOUT).stdout();
        Matcher m = VERSION.matcher(out);
        return m.find() ? m.group(1) : out.strip().split("\\s+Data at:")[0];
    }

    /** Installed voice names for a language prefix ("en"), excluding mbrola voices, which need extra packages. */
    public Set<String> voices(String language) {
        Set<String> names = new LinkedHashSet<>();
        for (String[] row : listing("--voices=" + language)) {
            if (!row[4].startsWith("mb/")) {
                names.add(row[1]);
            }
        }
        return names;
    }

    /** Installed variant names (the part after '+' in a voice argument), e.g. "m3", "klatt". */
    public Set<String> variants() {
        Set<String> names = new LinkedHashSet<>();
        for (String[] row : listing("--voices=variant")) {
            String file = row[4];
            int slash = file.lastIndexOf('/');
            names.add(slash >= 0 ? file.substring(slash + 1) : file);
        }
        return names;
    }

    /** Rows of espeak-ng's voice table: Pty, Language, Age/Gender, VoiceName, File, …. */
    private List<String[]> listing(String option) {
        String out = ProcessRunner.runChecked(List.of(program, option), TIMEOUT).stdout();
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && !"Pty".equals(f[0])) {
                rows.add(f);
            }
        }
        return rows;
    }

    /**
     * Speaks {@code text}.
     *
     * @param voice espeak-ng -v argument, e.g. "en-us+f2"
     * @param speed words per minute (-s)
     * @param pitch 0..99 (-p)
     * @return mono 16-bit audio at espeak-ng's own rate (22050 Hz)
     */
    public WavAudio speak(String voice, int speed, int pitch, String text) {
        List<String> cmd = List.of(program, "-v", voice, "-s", Integer.toString(speed), "-p", Integer.toString(pitch),
                "--stdout", text);
        ProcessRunner.Result r = ProcessRunner.runChecked(cmd, TIMEOUT);
        WavAudio a = WavFile.parseStreamed(r.output(), "espeak-ng output for '" + text + "' (" + voice + ")");
        if (a.channels() != 1 || a.bitsPerSample() != 16) {
            throw new IllegalStateException("espeak-ng produced " + a.channels() + "-channel " + a.bitsPerSample()
                    + "-bit audio; expected mono 16-bit");
        }
        if (a.frames() == 0) {
            throw new IllegalStateException("espeak-ng produced no audio for '" + text + "' with voice " + voice
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        }
        return a;
    }

    /** Speaks {@code text} and converts it with {@code resampler}, whose input rate must be espeak-ng's rate. */
    public short[] speak(String voice, int speed, int pitch, String text, Resampler resampler) {
        WavAudio a = speak(voice, speed, pitch, text);
        if (a.sampleRate() != resampler.inRate()) {
            throw new IllegalStateException("espeak-ng produced " + a.sampleRate() + " Hz audio, expected "
                    + resampler.inRate() + " Hz");
        }
        return resampler.resample(a.samples());
    }
}
