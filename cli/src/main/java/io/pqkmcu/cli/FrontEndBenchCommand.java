package io.pqkmcu.cli;

import io.pqkmcu.model.data.Split;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsEntry;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.frontend.FloatMfcc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pqk bench frontend}: the integer front end's error against a float64 MFCC / log-mel
 * ({@link FloatMfcc}) on a dataset's clips, for both FFT kinds. No timing: accuracy only.
 */
@Command(name = "frontend", mixinStandardHelpOptions = true,
        description = "SNR of the integer front end (COMPLEX and REAL FFT) against a float64 MFCC and log-mel on a "
                + "dataset split's clips.")
final class FrontEndBenchCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "keyword-spotting dataset folder")
    Path data;

    @Option(names = "--split", description = "TRAIN, VALIDATION or TEST (default: ${DEFAULT-VALUE})")
    Split split = Split.TEST;

    @Option(names = "--clips", description = "clips, evenly spread over the split (default: all)")
    Integer clips;

    @Override
    public Integer call() {
        KwsDataset d = SpeechCommands.load(data, KwsTask.defaults());
        List<KwsEntry> entries = d.split(split);
        int n = clips == null ? entries.size() : Math.min(clips, entries.size());
        if (n == 0) {
            throw new IllegalArgumentException(data + ": the " + split + " split has no clips");
        }
        System.out.printf(Locale.ROOT, "%-8s %-8s %6s %10s %14s %14s%n", "features", "FFT", "clips", "SNR dB",
                "rms log2", "max err log2");
        for (FrontEndConfig base : List.of(FrontEndConfig.mfccDefault(), FrontEndConfig.logMelDefault())) {
            FloatMfcc reference = new FloatMfcc(base);
            for (FrontEndConfig.FftKind kind : FrontEndConfig.FftKind.values()) {
                AudioFrontEnd fe = new AudioFrontEnd(base.withFft(kind));
                FloatMfcc.Snr snr = new FloatMfcc.Snr();
                for (int i = 0; i < n; i++) {
                    short[] clip = entries.get((int) ((long) i * entries.size() / n)).load();
                    snr.add(reference.raw(clip), fe.raw(clip));
                }
                System.out.printf(Locale.ROOT, "%-8s %-8s %6d %10.2f %14.4f %14.3f%n", base.type(), kind, n, snr.db(),
                        snr.rmsLog2(), snr.maxErrorLog2());
            }
        }
        return 0;
    }
}
