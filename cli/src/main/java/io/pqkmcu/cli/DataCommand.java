package io.pqkmcu.cli;

import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.SpeakerVariety;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.data.SynthEngine;
import io.pqkmcu.trainer.data.SynthOptions;
import io.pqkmcu.trainer.data.SynthResult;
import io.pqkmcu.trainer.data.SyntheticKwsGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pqk data}: make and inspect keyword-spotting datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Make and inspect keyword-spotting datasets.",
        subcommands = {DataCommand.Synth.class, DataCommand.Info.class, DataStreamCommand.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Synthesize a keyword-spotting dataset with espeak-ng and RHVoice voices (or SVOX Pico), in the Google Speech Commands v2 "
                    + "layout (deterministic for a seed).")
    static final class Synth implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, description = "output folder (must be empty or absent)")
        Path out;

        @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed = SynthOptions.defaults().seed();

        @Option(names = "--speakers", description = "synthetic speakers, split 80/10/10 by speaker (default: ${DEFAULT-VALUE})")
        int speakers = SynthOptions.defaults().speakers();

        @Option(names = "--repetitions", description = "utterances of each keyword per speaker (default: ${DEFAULT-VALUE})")
        int repetitions = SynthOptions.defaults().repetitions();

        @Option(names = "--unknown-per-word", description = "clips of each unknown word, at most speakers × "
                + "repetitions (default: 40, or speakers × repetitions when that is smaller)")
        Integer unknownPerWord;

        @Option(names = "--overwrite", description = "replace an existing dataset in --out")
        boolean overwrite;

        @Option(names = "--engine", description = "the synthesizers, comma-separated, each speaking an equal share of the "
                + "speakers: espeak-ng, pico (SVOX Pico), rhvoice (RHVoice) (default: ${DEFAULT-VALUE})")
        String engine = String.join(",", SynthEngine.TRAINING.stream().map(e -> e.key).toList());

        @Option(names = "--evaluation-only", description = "split the speakers 50/50 between validation and test, none "
                + "for training: a held-out set, e.g. of an engine the model is not trained on")
        boolean evaluationOnly;

        @Option(names = "--speaker-transforms", description = "more voices: every espeak-ng variant, other languages' "
                + "voices as accents, and per speaker a vocal-tract-length factor (0.88..1.12), a synthesized room (half "
                + "of them) and a telephone/microphone channel (60 %%); off: plain voices, 18 variants")
        boolean transforms;

        @Option(names = "--accents", description = "other languages' voices speak 30 %% of each engine's speakers, "
                + "reading the English words with their own rules: foreign accents (espeak-ng's, and RHVoice's Russian, "
                + "Ukrainian, Polish, Portuguese, Macedonian, Albanian, Esperanto, Kyrgyz and Tatar voices); "
                + "--speaker-transforms includes this")
        boolean accents;

        /** The generator's options; the unknown-word count follows the sizes given unless set. */
        SynthOptions options() {
            java.util.List<SynthEngine> engines = SynthEngine.parseList(engine);
            SynthOptions d = SynthOptions.defaults();
            long most = (long) speakers * repetitions;
            int perWord = unknownPerWord != null ? unknownPerWord : (int) Math.max(0, Math.min(d.unknownPerWord(), most));
            if (unknownPerWord != null && (unknownPerWord < 0 || unknownPerWord > most)) {
                throw new IllegalArgumentException("--unknown-per-word must be in 0.." + most + " (--speakers " + speakers
                        + " × --repetitions " + repetitions + "), got " + unknownPerWord);
            }
            // sizes first with no unknown words (whose count they bound), then the unknown words
            SynthOptions o = d.withWords(d.keywords(), java.util.List.of(), 0).withSeed(seed).withRepetitions(repetitions)
                    .withSpeakers(speakers).withWords(d.keywords(), d.unknownWords(), perWord).withOverwrite(overwrite)
                    .withEngines(engines).withVariety(SpeakerVariety.of(accents, transforms));
            return evaluationOnly ? o.withSplits(50, 50) : o;
        }

        @Override
        public Integer call() {
            SynthOptions o;
            try {
                o = options();
            } catch (IllegalArgumentException ex) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
            }
            SynthResult r = new SyntheticKwsGenerator(o, System.err).generate(out);
            System.out.println("wrote " + r.totalClips() + " clips to " + r.root() + " ("
                    + io.pqkmcu.trainer.data.SynthManifest.engineDescription(o, r) + ")");
            System.out.print(SpeechCommands.load(out, KwsTask.defaults()).summary());
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Load a Speech Commands style folder into the 12-class task and print examples per class and split.")
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "dataset folder")
        Path dir;

        @Override
        public Integer call() {
            KwsDataset d = SpeechCommands.load(dir, KwsTask.defaults());
            System.out.print(d.summary());
            System.out.println("background noise files: " + d.backgroundNoise().size());
            return 0;
        }
    }
}
