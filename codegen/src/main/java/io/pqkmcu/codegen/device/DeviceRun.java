package io.pqkmcu.codegen.device;

import io.pqkmcu.boards.Board;
import io.pqkmcu.codegen.emulator.QemuResult;
import io.pqkmcu.codegen.emulator.QemuRunner;
import io.pqkmcu.codegen.firmware.TestData;
import io.pqkmcu.codegen.firmware.TestInputs;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.model.Int8Model;
import io.pqkmcu.model.util.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a generated project's test firmware on its board's emulator. A long list of inputs runs in
 * chunks (flash holds only so many one-second clips): each chunk's blobs are written into the project,
 * the firmware relinked and run, and the results concatenated.
 */
public final class DeviceRun {
    /** Generous: an emulated second-long inference takes well under a second of host time. */
    public static final Duration TIMEOUT_PER_RUN = Duration.ofMinutes(10);

    private DeviceRun() {}

    /** Builds and runs the firmware with the test inputs it currently holds. */
    public static DeviceRunResult run(ProjectInfo project) {
        return run(project, false, TIMEOUT_PER_RUN);
    }

    /**
     * Builds and runs the firmware, or its profiling build ({@code profile}: per-layer instruction counts in
     * every {@link VectorResult#layerInstructions()}), with the inputs it currently holds.
     *
     * @param timeout the run is killed after this long, and the result says why
     */
    public static DeviceRunResult run(ProjectInfo project, boolean profile, Duration timeout) {
        if (project.stream()) {
            throw new IllegalArgumentException(project.directory() + " holds a stream firmware; run it with runStream");
        }
        ProjectBuild.Firmware fw = ProjectBuild.firmware(project, profile);
        List<VectorResult> vectors = new ArrayList<>();
        boolean pass = runOnce(fw, 0, vectors, timeout);
        return new DeviceRunResult(fw.board().id(), vectors, pass, 1);
    }

    /** Builds and runs a stream project's firmware over the stream it holds. */
    public static StreamRunResult runStream(ProjectInfo project, Duration timeout) {
        if (!project.stream()) {
            throw new IllegalArgumentException(project.directory() + " holds a test firmware, not a stream firmware");
        }
        ProjectBuild.Firmware fw = ProjectBuild.firmware(project, false);
        QemuResult r = QemuRunner.run(fw.board(), fw.elf(), timeout);
        if (r.timedOut()) {
            throw new IllegalStateException("the stream firmware did not finish within " + timeout.toSeconds()
                    + " s (raise it with --timeout for a long stream):\n" + r.summary());
        }
        StreamReport.Parsed parsed;
        try {
            parsed = StreamReport.parse(r.uartOutput());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + r.summary(), e);
        }
        return new StreamRunResult(fw.board().id(), parsed.windows(), parsed.detectorInstructions(),
                parsed.detections(), parsed.pass() && r.exitCode() == 0);
    }

    /**
     * Runs every input of {@code tests} through the firmware, {@code chunk} at a time, and leaves the
     * project holding the last chunk.
     */
    public static DeviceRunResult runAll(ProjectInfo project, Int8Model model, TestInputs tests, int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        if (tests.audio() != project.testAudio()) {
            throw new IllegalArgumentException(project.directory() + " was generated for "
                    + (project.testAudio() ? "audio clips" : "int8 vectors") + "; regenerate it for the other kind of input");
        }
        List<VectorResult> vectors = new ArrayList<>();
        boolean pass = true;
        int chunks = 0;
        Board board = null;
        Progress progress = new Progress("device", tests.size(), 0);
        for (int from = 0; from < tests.size(); from += chunk) {
            int to = Math.min(tests.size(), from + chunk);
            TestInputs part = new TestInputs(slice(tests.vectors(), from, to), slice(tests.clips(), from, to),
                    tests.labels().subList(from, to));
            TestData.of(model, part, 0).write(project.directory());
            ProjectBuild.Firmware fw = ProjectBuild.firmware(project);
            board = fw.board();
            pass &= runOnce(fw, from, vectors, TIMEOUT_PER_RUN);
            chunks++;
            progress.update(to, String.format(java.util.Locale.ROOT, "%d/%d bit-exact", countExact(vectors), vectors.size()));
        }
        return new DeviceRunResult(board == null ? project.boardId() : board.id(), vectors, pass, chunks);
    }

    private static <T> List<T> slice(List<T> list, int from, int to) {
        return list.isEmpty() ? List.of() : list.subList(from, to);
    }

    private static int countExact(List<VectorResult> v) {
        return (int) v.stream().filter(VectorResult::bitExact).count();
    }

    /** Runs the built firmware once; appends its vectors (renumbered from {@code offset}); returns its verdict. */
    private static boolean runOnce(ProjectBuild.Firmware fw, int offset, List<VectorResult> into, Duration timeout) {
        QemuResult r = QemuRunner.run(fw.board(), fw.elf(), timeout);
        if (r.timedOut()) {
            throw new IllegalStateException("the firmware did not finish within " + timeout.toSeconds()
                    + " s (raise it with --timeout if the inputs are many):\n" + r.summary());
        }
        UartReport.Parsed parsed;
        try {
            parsed = UartReport.parse(r.uartOutput());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + r.summary(), e);
        }
        for (VectorResult v : parsed.vectors()) {
            into.add(v.renumbered(offset + v.index()));
        }
        return parsed.pass() && r.exitCode() == 0;
    }
}
