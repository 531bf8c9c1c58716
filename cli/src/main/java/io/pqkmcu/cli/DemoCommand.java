package io.pqkmcu.cli;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.HostRun;
import io.pqkmcu.codegen.device.ProjectBuild;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.firmware.TestData;
import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.codegen.project.GenerateOptions;
import io.pqkmcu.codegen.project.GeneratedProject;
import io.pqkmcu.codegen.project.ProjectGenerator;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.frontend.FrontEndConfig;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.frontend.AudioFrontEnd;
import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.model.util.Progress;
import io.pqkmcu.trainer.data.KwsDataset;
import io.pqkmcu.trainer.data.KwsTask;
import io.pqkmcu.trainer.data.PicoTts;
import io.pqkmcu.trainer.data.SpeechCommands;
import io.pqkmcu.trainer.data.SpeakerVariety;
import io.pqkmcu.trainer.data.SynthEngine;
import io.pqkmcu.trainer.data.SynthOptions;
import io.pqkmcu.trainer.data.SyntheticKwsGenerator;
import io.pqkmcu.trainer.features.FeatureSet;
import io.pqkmcu.trainer.kws.KwsFeatures;
import io.pqkmcu.trainer.kws.KwsTraining;
import io.pqkmcu.trainer.kws.KwsTrainingResult;
import io.pqkmcu.trainer.pqk.PqkConfig;
import io.pqkmcu.trainer.quant.ActQuant;
import io.pqkmcu.trainer.tensor.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pqk demo}: the whole product on the embedded default data — synthesize a keyword-spotting
 * set, PQK-train a DS-CNN, generate firmware, prove Java int8 == host C (JNA) == emulated board on every
 * test clip, and summarise accuracy, bit-exactness, flash, RAM and instructions.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on synthetic keyword-spotting data: synth, PQK train, eval (float and "
                + "int8), generate, build, simulate on QEMU, and print a summary (also written to WORK/summary.md).")
final class DemoCommand implements Callable<Integer> {
    /** Flash holds about 130 one-second clips on the QEMU boards; runs use chunks of this many. */
    static final int CLIPS_PER_FIRMWARE = 100;

    @Option(names = "--work", description = "working folder for data, model and firmware (default: ${DEFAULT-VALUE})")
    Path work = Path.of("pqk-demo");

    @Option(names = "--board", description = "board to generate for and emulate (default: ${DEFAULT-VALUE})")
    String board = "qemu-mps2-an386";

    /** Twice pqk data synth's default: more voices raised held-out-engine validation accuracy (README "Unseen voices"). */
    static final int DEMO_SPEAKERS = 200;

    @Option(names = "--speakers", description = "synthetic speakers (default: ${DEFAULT-VALUE})")
    int speakers = DEMO_SPEAKERS;

    @Option(names = "--speaker-transforms", description = "train on the harder synthetic set: every espeak-ng variant, "
            + "accent voices, vocal-tract length, rooms and channels (see pqk data synth)")
    boolean speakerTransforms;

    @Option(names = "--accents", negatable = true, description = "other languages' voices speak 30 %% of each engine's "
            + "speakers, as foreign accents (see pqk data synth) (default: ${DEFAULT-VALUE})")
    boolean accents = DEMO_ACCENTS;

    /** Whether the demo's data has accent voices (README "Unseen voices"). */
    static final boolean DEMO_ACCENTS = false;

    @Option(names = "--heldout-speakers", description = "speakers of the held-out SVOX Pico set the model is also "
            + "tested on (an engine it never heard; 0 = skip) (default: ${DEFAULT-VALUE})")
    int heldoutSpeakers = HELDOUT_SPEAKERS;

    /** The held-out set is `pqk data synth --engine pico --speakers 40 --repetitions 1 --evaluation-only`: 240 test clips. */
    static final int HELDOUT_SPEAKERS = 40;

    @Mixin
    TrainOptions training = demoTraining();

    @Mixin
    AugmentOptions augment = AugmentOptions.demo();

    /**
     * The demo's recipe, chosen on the held-out engine's validation split (README "Unseen voices"): 3000 + 1000
     * steps and a front end that normalises each window's cepstral means, so an engine's average spectral
     * colour does not reach the network.
     */
    static TrainOptions demoTraining() {
        PqkConfig c = new PqkConfig();
        c.phase1Steps = 3000;
        c.phase2Steps = 1000;
        TrainOptions t = new TrainOptions(c, List.of(c.targetSparsity));
        t.featureNormalization = FrontEndConfig.Normalization.CMN;
        return t;
    }

    private final List<String[]> stages = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (training.threads != null) {
            Parallel.setThreads(training.threads);
        }
        Files.createDirectories(work);
        Path data = work.resolve("data");
        Path modelPath = work.resolve("model.pqkm");
        Path firmware = work.resolve("firmware");

        long t = System.nanoTime();
        synthesize(data);
        stage("synth", t, data.toString());

        t = System.nanoTime();
        KwsTrainingResult trained = KwsTraining.run(data, KwsTask.defaults(), training.frontEnd(), augment.augmentation(),
                training.architecture,
                "kws_" + training.architecture.replace('-', '_'), training.toConfig(), TrainCommand.checkpointFor(modelPath),
                true, System.out);
        Int8Model model = trained.model();
        ModelFile.write(model, modelPath);
        TrainCommand.writeHistory(modelPath, training.architecture, trained.history());
        stage("train + eval", t, modelPath.toString());

        t = System.nanoTime();
        HeldOut heldOut = heldOut(model, work.resolve("heldout-pico"));
        stage("held-out engine (Pico)", t, heldOut.where());

        t = System.nanoTime();
        KwsDataset dataset = SpeechCommands.load(data, KwsTask.defaults());
        TestInputs clips = TestClips.pick(dataset.test(), Integer.MAX_VALUE);
        GeneratedProject project = new ProjectGenerator().generate(model, GenerateOptions.of(firmware).withBoard(board)
                .withTests(firstChunk(clips)));
        System.out.print(GenerateCommand.readText(project.root().resolve("report.txt")));
        ProjectInfo info = ProjectInfo.read(firmware);
        ProjectBuild.Firmware built = ProjectBuild.firmware(info);
        long clipBytes = testDataBytes(project); // the chunk inside `built`; later chunks replace the blobs
        stage("generate + build", t, firmware.toString());

        t = System.nanoTime();
        List<byte[]> reference = TestData.of(model, clips, 0).expected();
        int hostExact = hostBitExact(info, clips, reference);
        stage("host C via JNA", t, project.hostLibrary().toString());

        t = System.nanoTime();
        DeviceRunResult device = DeviceRun.runAll(info, model, clips, CLIPS_PER_FIRMWARE);
        int deviceExact = 0;
        for (VectorResult v : device.vectors()) {
            if (v.bitExact() && Arrays.equals(v.logits(), reference.get(v.index()))) {
                deviceExact++;
            }
        }
        stage("simulate (" + board + ")", t, device.chunks() + " firmware runs");

        String summary = summary(trained, model, project, built, clipBytes, hostExact, device, deviceExact, clips.size(),
                heldOut);
        System.out.println();
        System.out.print(summary);
        AtomicFiles.writeString(work.resolve("summary.md"), summary);
        boolean ok = hostExact == clips.size() && deviceExact == clips.size() && device.firmwarePassed();
        if (!ok) {
            System.err.println("pqk demo: the generated code did NOT reproduce the Java int8 reference on every clip");
        }
        return ok ? 0 : 1;
    }

    /** int8 accuracy on the held-out engine's test split, or why it was not measured. */
    record HeldOut(double accuracy, int clips, String note, String where) {}

    private HeldOut heldOut(Int8Model model, Path dir) {
        if (heldoutSpeakers == 0) {
            return new HeldOut(Double.NaN, 0, "not measured (--heldout-speakers 0)", "-");
        }
        if (!PicoTts.available()) {
            String why = "not measured: pico2wave is not installed (" + PicoTts.INSTALL_HINT + ")";
            System.err.println("pqk demo: held-out engine " + why);
            return new HeldOut(Double.NaN, 0, why, "-");
        }
        if (!(Files.isRegularFile(dir.resolve("testing_list.txt")) && Files.isRegularFile(dir.resolve("synth.json")))) {
            SynthOptions o = SynthOptions.defaults().withSpeakers(heldoutSpeakers).withRepetitions(1)
                    .withEngine(SynthEngine.PICO).withSplits(50, 50).withOverwrite(Files.exists(dir));
            new SyntheticKwsGenerator(o, System.err).generate(dir);
        }
        KwsDataset d = SpeechCommands.load(dir, KwsTask.defaults());
        ActQuant q = new ActQuant(model.input().scale(), model.input().zeroPoint());
        FeatureSet set = KwsFeatures.extract(d.test(), d.labels(), new AudioFrontEnd(model.frontEnd()), q, "features");
        double acc = KwsTraining.int8Accuracy(model, set);
        System.out.printf(Locale.ROOT, "held-out engine (SVOX Pico, %d test clips): int8 accuracy %.2f %%%n", set.size(),
                100 * acc);
        return new HeldOut(acc, set.size(), null, dir.toString());
    }

    private void synthesize(Path data) {
        if (Files.isRegularFile(data.resolve("testing_list.txt")) && Files.isRegularFile(data.resolve("synth.json"))) {
            System.out.println("using the synthetic dataset already in " + data);
            return;
        }
        SynthOptions o = SynthOptions.defaults().withSpeakers(speakers).withEngines(SynthEngine.TRAINING)
                .withVariety(SpeakerVariety.of(accents, speakerTransforms)).withOverwrite(Files.exists(data));
        new SyntheticKwsGenerator(o, System.err).generate(data);
    }

    private static TestInputs firstChunk(TestInputs all) {
        int n = Math.min(CLIPS_PER_FIRMWARE, all.size());
        return TestInputs.clips(all.clips().subList(0, n), all.labels().subList(0, n));
    }

    private int hostBitExact(ProjectInfo info, TestInputs clips, List<byte[]> reference) {
        int exact = 0;
        Progress p = new Progress("host", clips.size(), 0);
        try (HostRun host = HostRun.open(info, work.resolve("binding-classes"))) {
            for (int i = 0; i < clips.size(); i++) {
                if (Arrays.equals(host.classify(clips.clips().get(i)), reference.get(i))) {
                    exact++;
                }
                p.update(i + 1, exact + "/" + (i + 1) + " bit-exact");
            }
        }
        return exact;
    }

    private void stage(String name, long startNanos, String output) {
        stages.add(new String[] {name, Progress.formatSeconds((System.nanoTime() - startNanos) / 1e9), output});
    }

    private String summary(KwsTrainingResult r, Int8Model model, GeneratedProject project, ProjectBuild.Firmware fw,
                           long clipBytes, int hostExact, DeviceRunResult device, int deviceExact, int n,
                           HeldOut heldOut) {
        StringBuilder sb = new StringBuilder();
        sb.append("## pqk demo summary\n\n");
        sb.append(String.format(Locale.ROOT, "Model `%s` (%s, %d parameters: kernel weights and biases, %.1f %% pruned), board `%s`, %d synthetic test clips.%n%n",
                model.name(), training.architecture, model.parameterCount(), 100 * model.prunedFraction(),
                device.boardId(), n));
        sb.append("| measure | value |\n|---|---|\n");
        sb.append(row("test accuracy, float (fake-quant student)", pct(r.studentTestAccuracy())));
        sb.append(row("test accuracy, teacher (all weights, float)", pct(r.teacherTestAccuracy())));
        sb.append(row("test accuracy, int8 (Java interpreter)", pct(r.int8TestAccuracy())));
        sb.append(row("test accuracy, device (" + device.boardId() + ")", pct(device.accuracy())));
        sb.append(row("held-out engine SVOX Pico, int8 (Java)" + (heldOut.note() == null ? ", " + heldOut.clips()
                + " clips of voices never trained on" : ""), heldOut.note() == null ? pct(heldOut.accuracy()) : heldOut.note()));
        sb.append(row("bit-exact logits, host C via JNA", hostExact + "/" + n));
        sb.append(row("bit-exact logits, device", deviceExact + "/" + n));
        sb.append(row("model flash: weights + tables", project.usage().weightBytes() + " B"));
        sb.append(row("firmware flash (arm-none-eabi-size, test clips excluded)",
                (fw.size().flashBytes() - clipBytes) + " B"));
        sb.append(row("RAM: activation arena (memory plan)", project.plan().arenaSize() + " B"));
        sb.append(row("RAM: firmware total (data + bss, stack included)", fw.size().ramBytes() + " B"));
        sb.append(row("instructions per inference, front end (median)", String.valueOf(device.medianFrontEndInstructions())));
        sb.append(row("instructions per inference, model (median)", String.valueOf(device.medianModelInstructions())));
        sb.append("\n| stage | time | output |\n|---|---|---|\n");
        for (String[] s : stages) {
            sb.append("| ").append(s[0]).append(" | ").append(s[1]).append(" | `").append(s[2]).append("` |\n");
        }
        return sb.toString();
    }

    private static long testDataBytes(GeneratedProject project) {
        long total = 0;
        for (String f : List.of(TestData.INPUTS, TestData.EXPECTED, TestData.LABELS)) {
            try {
                total += Files.size(project.root().resolve(f));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return total;
    }

    private static String row(String k, String v) {
        return "| " + k + " | " + v + " |\n";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }
}
