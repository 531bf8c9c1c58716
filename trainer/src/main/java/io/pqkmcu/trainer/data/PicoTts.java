package io.pqkmcu.trainer.data;

import io.pqkmcu.model.data.WavAudio;
import io.pqkmcu.model.data.WavFile;
import io.pqkmcu.model.util.MissingProgramException;
import io.pqkmcu.model.util.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SVOX Pico ({@code pico2wave}) with sox for pitch and tempo: the engine pqk keeps out of training, to test
 * a model on voices it never heard. pico2wave only writes to a named .wav file, so each utterance goes
 * through a private temporary file. Both programs are deterministic: the same arguments give the same bytes.
 */
public final class PicoTts {
    public static final String PROGRAM = "pico2wave";
    public static final String INSTALL_HINT = "enable Debian's non-free component and apt-get install -y libttspico-utils "
            + "(scripts/install-system-packages.sh does both)";
    public static final String SOX = "sox";
    /** Pico's English voices. */
    public static final List<String> VOICES = List.of("en-US", "en-GB");
    public static final int SAMPLE_RATE = 16000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String pico;
    private final String sox;

    private PicoTts(String pico, String sox) {
        this.pico = pico;
        this.sox = sox;
    }

    /** @throws MissingProgramException naming pico2wave (or sox) and how to install it */
    public static PicoTts locate() {
        Path p = ProcessRunner.find(PROGRAM).orElseThrow(() -> new MissingProgramException(PROGRAM, INSTALL_HINT));
        Path s = ProcessRunner.find(SOX).orElseThrow(() -> new MissingProgramException(SOX, "apt-get install -y sox"));
        return new PicoTts(p.toString(), s.toString());
    }

    /** True when pico2wave and sox are on PATH. */
    public static boolean available() {
        return ProcessRunner.find(PROGRAM).isPresent() && ProcessRunner.find(SOX).isPresent();
    }

    /**
     * Speaks {@code text} in {@code voice} ("en-US" or "en-GB"), shifted by {@code cents} and played at
     * {@code tempo} × its speed (sox {@code pitch} and {@code tempo -s}; dither off so output is repeatable).
     *
     * @return mono 16-bit audio at 16 kHz
     */
    public short[] speak(String voice, String text, int cents, double tempo) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pqk-pico");
            Path wav = dir.resolve("say.wav");
            ProcessRunner.runChecked(List.of(pico, "-l", voice, "-w", wav.toString(), text), TIMEOUT);
            List<String> cmd = new ArrayList<>(List.of(sox, "-D", "-V1", wav.toString(), "-t", "wav", "-"));
            if (cents != 0) {
                cmd.addAll(List.of("pitch", Integer.toString(cents)));
            }
            if (tempo != 1) {
                cmd.addAll(List.of("tempo", "-s", String.format(Locale.ROOT, "%.3f", tempo)));
            }
            ProcessRunner.Result r = ProcessRunner.runChecked(cmd, TIMEOUT);
            WavAudio a = WavFile.parseStreamed(r.output(), "pico2wave output for '" + text + "' (" + voice + ")");
            if (a.channels() != 1 || a.bitsPerSample() != 16 || a.sampleRate() != SAMPLE_RATE) {
                throw new IllegalStateException("pico2wave produced " + a.channels() + "-channel " + a.bitsPerSample()
                        + "-bit audio at " + a.sampleRate() + " Hz; expected mono 16-bit at 16 kHz");
            }
            if (a.frames() == 0) {
                throw new IllegalStateException("pico2wave produced no audio for '" + text + "' with voice " + voice);
            }
            return a.samples();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pico2wave in a temporary directory: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless; the result is already read
                }
            }
        }
    }
}
