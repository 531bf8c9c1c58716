package io.pqkmcu.cli;

import io.pqkmcu.trainer.data.KeywordStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pqk data stream}: a test stream for streaming keyword spotting, with words at known times. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Synthesize an audio stream for `pqk generate --mode stream`: pink noise with words spoken by "
                + "espeak-ng test-split speakers at known times. Writes FILE.wav (16 kHz mono) and FILE.csv "
                + "(word,start_ms,end_ms,speaker).")
final class DataStreamCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.wav", description = "stream to write")
    Path out;

    @Option(names = "--words", split = ",", description = "words to plant, in order (default: the ten keywords)")
    List<String> words = List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");

    @Option(names = "--spacing-ms", description = "between word starts, at least 1500 (default: ${DEFAULT-VALUE})")
    int spacingMs = 3000;

    @Option(names = "--snr", description = "words over noise, dB (default: ${DEFAULT-VALUE})")
    double snrDb = 20;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav")) {
            throw new IllegalArgumentException("--out must name a .wav file, got " + out);
        }
        if (out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("folder " + out.toAbsolutePath().getParent() + " does not exist");
        }
        KeywordStream.Result r = KeywordStream.synthesize(new KeywordStream.Options(words, spacingMs, snrDb, seed));
        r.write(out);
        System.out.printf("%-8s %9s %9s  %s%n", "word", "start", "end", "speaker");
        for (KeywordStream.Planted p : r.planted()) {
            System.out.printf(java.util.Locale.ROOT, "%-8s %8.2fs %8.2fs  %s%n", p.word(), p.startMs() / 1000.0,
                    p.endMs() / 1000.0, p.speaker());
        }
        System.out.printf(java.util.Locale.ROOT, "wrote %s (%.1f s) and its .csv%n", out,
                r.audio().length / (double) KeywordStream.SAMPLE_RATE);
        return 0;
    }
}
