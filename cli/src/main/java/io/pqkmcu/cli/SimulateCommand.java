package io.pqkmcu.cli;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.ProjectBuild;
import io.pqkmcu.codegen.device.StreamReport;
import io.pqkmcu.codegen.device.StreamRunResult;
import io.pqkmcu.codegen.device.UartReport;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.codegen.renode.RenodeRunner;
import io.pqkmcu.codegen.renode.RenodeScripts;
import io.pqkmcu.codegen.stream.Detection;
import io.pqkmcu.codegen.stream.StreamConfig;
import io.pqkmcu.codegen.stream.StreamInput;
import io.pqkmcu.codegen.stream.StreamScore;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.Op;
import io.pqkmcu.model.util.ProcessRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pqk simulate}: run a project's firmware on its board's emulator. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Build a project's firmware and run it on the board's QEMU machine (with -icount, so instruction "
                + "counts are exact and repeatable), then its profiling build for instructions per layer. Exits 0 when "
                + "every logit equals the Java int8 reference, 1 otherwise.")
final class SimulateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "project folder written by pqk generate")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "kill a firmware run after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = DeviceRun.TIMEOUT_PER_RUN.toSeconds();

    /** Which emulator runs the firmware. */
    enum Emulator { QEMU, RENODE }

    @Option(names = "--emulator", description = "QEMU (default; -icount instruction counts) or RENODE (runs the "
            + "generated renode/firmware.robot with renode-test, when Renode is installed, and reports the console "
            + "log; its fixed instruction rate makes the counts QEMU's)")
    Emulator emulator = Emulator.QEMU;

    @Option(names = "--no-layers", negatable = true,
            description = "skip the profiling run that counts instructions per layer")
    boolean layers = true;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ProjectInfo project = ProjectInfo.read(dir);
        Int8Model model = project.model();
        if (emulator == Emulator.RENODE) {
            return renode(project, timeout);
        }
        Board board = BoardCatalog.byId(project.boardId());
        if (!board.runsInQemu()) {
            throw new IllegalArgumentException("board " + board.id() + " is not emulated by QEMU; run it with "
                    + "--emulator renode (needs Renode), or generate for a QEMU board: " + qemuBoards());
        }
        if (project.stream()) {
            StreamRunResult s = DeviceRun.runStream(project, timeout);
            printStream(model, board, s);
            scoreStream(project, model, s);
            return s.firmwarePassed() ? 0 : 1;
        }
        DeviceRunResult r = DeviceRun.run(project, false, timeout);
        print(model.labels(), r, TestClips.recorded(dir));
        boolean pass = r.firmwarePassed();
        if (layers) {
            DeviceRunResult profiled = DeviceRun.run(project, true, timeout);
            printLayers(model, r, profiled);
            pass &= profiled.firmwarePassed();
        }
        return pass ? 0 : 1;
    }

    /** Builds the firmware and runs the project's Robot test under renode-test; its verdict is the exit code. */
    private int renode(ProjectInfo project, Duration timeout) {
        Board board = BoardCatalog.byId(project.boardId());
        if (!board.runsInRenode()) {
            throw new IllegalArgumentException("board " + board.id() + " has no Renode platform; boards Renode runs: "
                    + RenodeRunner.renodeBoards());
        }
        if (!RenodeRunner.available()) {
            throw new IllegalStateException("cannot run Renode: " + RenodeRunner.unavailableReason() + ". The test is "
                    + "ready for a machine that has it: " + project.directory().resolve(RenodeScripts.ROBOT)
                    + " (build the firmware with pqk build first)");
        }
        ProjectBuild.firmware(project, false);
        ProcessRunner.Result r = RenodeRunner.run(project.directory(), board.id(), timeout);
        System.out.print(r.stdout());
        System.err.print(r.stderr());
        if (r.timedOut()) {
            throw new IllegalStateException("renode-test did not finish within " + timeout.toSeconds() + " s");
        }
        // '&', not '&&': the console report is printed whether or not the Robot test passed.
        boolean pass = r.ok() & reportRenodeConsole(project, board);
        System.out.println((pass ? "PASS" : "FAIL") + " on " + board.id() + " in Renode (Robot results in "
                + RenodeRunner.resultsDir(project.directory()) + ")");
        return pass ? 0 : 1;
    }

    /**
     * Prints what the firmware reported on Renode's console as the QEMU path prints it (predictions,
     * bit-exactness, instruction counts, which Renode's fixed instruction rate makes comparable to QEMU's).
     *
     * @return the firmware's own verdict; false when the console log is missing or incomplete
     */
    private static boolean reportRenodeConsole(ProjectInfo project, Board board) {
        String uart = RenodeRunner.uartOutput(project.directory());
        Int8Model model = project.model();
        try {
            if (project.stream()) {
                StreamReport.Parsed p = StreamReport.parse(uart);
                StreamRunResult s = new StreamRunResult(board.id(), p.windows(), p.detectorInstructions(),
                        p.detections(), p.pass());
                printStream(model, board, s);
                scoreStream(project, model, s);
                return p.pass();
            }
            UartReport.Parsed p = UartReport.parse(uart);
            print(model.labels(), new DeviceRunResult(board.id(), p.vectors(), p.pass(), 1),
                    TestClips.recorded(project.directory()));
            return p.pass();
        } catch (IllegalStateException e) {
            // The Robot log says which line was missing; this says what the console did print, if anything.
            System.out.println("console log " + RenodeRunner.uartLog(project.directory()) + ": "
                    + (uart.isEmpty() ? "empty or absent" : e.getMessage()));
            return false;
        }
    }

    /** With the planted words in the project, how many the device found and what else it reported. */
    static void scoreStream(ProjectInfo project, Int8Model model, StreamRunResult s) {
        Path csv = project.directory().resolve(StreamInput.PLANTED_FILE);
        if (!Files.isRegularFile(csv)) {
            return;
        }
        StreamConfig cfg = StreamConfig.read(project.directory());
        int rate = model.frontEnd().sampleRate();
        StreamScore.Result r = StreamScore.score(StreamScore.read(csv), s.detections(), model.labels(),
                (int) (model.frontEnd().clipSamples() * 1000L / rate), (int) (cfg.hopSamples() * 1000L / rate),
                cfg.smoothingWindows());
        System.out.printf(Locale.ROOT, "planted keywords found: %d/%d; false alarms: %d%n", r.found(), r.planted(),
                r.falseAlarms().size());
        for (StreamScore.Word w : r.missed()) {
            System.out.printf(Locale.ROOT, "  missed %-8s at %.2fs%n", w.word(), w.startMs() / 1000.0);
        }
        for (Detection d : r.falseAlarms()) {
            System.out.printf(Locale.ROOT, "  false alarm %-8s at %.2fs%n", name(model.labels(), d.label()),
                    d.timeMs() / 1000.0);
        }
    }

    static String qemuBoards() {
        return BoardCatalog.all().stream().filter(Board::runsInQemu).map(Board::id)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static void print(List<String> labels, DeviceRunResult r) {
        print(labels, r, List.of());
    }

    /** @param clips the dataset path of each input (from the project's test_clips.txt), or empty */
    static void print(List<String> labels, DeviceRunResult r, List<String> clips) {
        boolean named = clips.size() == r.vectors().size();
        System.out.printf(Locale.ROOT, "%4s %-10s %-10s %11s %14s %12s%s%n", "#", "label", "predicted", "bit-exact",
                "front end", "model", named ? "  clip" : "");
        for (VectorResult v : r.vectors()) {
            System.out.printf(Locale.ROOT, "%4d %-10s %-10s %11s %14d %12d%s%n", v.index(), name(labels, v.label()),
                    name(labels, v.predicted()), v.bitExact() ? "yes" : "NO (" + v.mismatches() + ")",
                    v.frontEndInstructions(), v.modelInstructions(), named ? "  " + clips.get(v.index()) : "");
        }
        System.out.printf(Locale.ROOT, "%s on %s: %d/%d bit-exact with the Java int8 reference%s; median instructions: "
                        + "front end %d, model %d%n", r.firmwarePassed() ? "PASS" : "FAIL", r.boardId(), r.bitExact(),
                r.vectors().size(), r.labelled() == 0 ? "" : String.format(Locale.ROOT, ", accuracy %.1f%% (%d/%d)",
                        100 * r.accuracy(), r.correct(), r.labelled()),
                r.medianFrontEndInstructions(), r.medianModelInstructions());
    }

    /**
     * The profiling build's per-layer medians, with the normal build's model total beside their sum: the
     * difference is what the hook's calls cost beyond the calibrated overhead (a few instructions per layer).
     */
    static void printLayers(Int8Model model, DeviceRunResult normal, DeviceRunResult profiled) {
        long[] layers = profiled.medianLayerInstructions();
        if (layers.length == 0) {
            System.out.println("the profiling build printed no per-layer counts");
            return;
        }
        long sum = 0;
        for (long l : layers) {
            sum += l;
        }
        System.out.printf(Locale.ROOT, "%nper layer (profiling build, median over %d inputs):%n", profiled.vectors().size());
        System.out.printf(Locale.ROOT, "%5s %-20s %-18s %12s %7s%n", "layer", "name", "kind", "instructions", "share");
        for (int i = 0; i < layers.length; i++) {
            Op op = i < model.ops().size() ? model.ops().get(i) : null;
            System.out.printf(Locale.ROOT, "%5d %-20s %-18s %12d %6.1f%%%n", i, op == null ? "?" : op.name(),
                    op == null ? "?" : op.kind().name(), layers[i], sum == 0 ? 0.0 : 100.0 * layers[i] / sum);
        }
        System.out.printf(Locale.ROOT, "%5s %-39s %12d%n", "", "sum of layers", sum);
        System.out.printf(Locale.ROOT, "%5s %-39s %12d%n", "", "model, normal build (median)", normal.medianModelInstructions());
    }

    /** Detections with their times, then bit-exactness and what one window costs against the hop. */
    static void printStream(Int8Model model, Board board, StreamRunResult s) {
        System.out.printf(Locale.ROOT, "%4s %9s %8s  %-10s %7s%n", "#", "time", "window", "keyword", "score");
        for (int i = 0; i < s.detections().size(); i++) {
            Detection d = s.detections().get(i);
            System.out.printf(Locale.ROOT, "%4d %8.2fs %8d  %-10s %7.3f%n", i, d.timeMs() / 1000.0, d.window(),
                    name(model.labels(), d.label()), d.score() / (double) StreamConfig.ONE_Q15);
        }
        long exact = s.windows().stream().filter(VectorResult::bitExact).count();
        System.out.printf(Locale.ROOT, "%s on %s: %d detections; %d/%d windows bit-exact with the Java int8 reference, "
                        + "detections %s the Java twin's%n", s.firmwarePassed() ? "PASS" : "FAIL", s.boardId(),
                s.detections().size(), exact, s.windows().size(), s.firmwarePassed() ? "equal to" : "NOT equal to");
        long perWindow = s.medianFrontEndInstructions() + s.medianModelInstructions() + s.medianDetectorInstructions();
        System.out.printf(Locale.ROOT, "median instructions per window: front end %d, model %d, detector %d, total %d "
                        + "(%.1f ms at %s MHz if one instruction took one cycle)%n", s.medianFrontEndInstructions(),
                s.medianModelInstructions(), s.medianDetectorInstructions(), perWindow,
                perWindow * 1000.0 / board.clocks().coreHz(), BoardsCommand.mhz(board.clocks().coreHz()));
    }

    static String name(List<String> labels, int i) {
        return i >= 0 && i < labels.size() ? labels.get(i) : "-";
    }
}
