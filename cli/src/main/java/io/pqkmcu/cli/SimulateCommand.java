package io.pqkmcu.cli;

import io.pqkmcu.codegen.device.DeviceRun;
import io.pqkmcu.codegen.device.DeviceRunResult;
import io.pqkmcu.codegen.device.VectorResult;
import io.pqkmcu.codegen.project.ProjectInfo;
import io.pqkmcu.trainer.model.Int8Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pqk simulate}: run a project's test firmware on its board's emulator. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Build a project's test firmware and run it on the board's QEMU machine (with -icount, so "
                + "instruction counts are exact and repeatable). Exits 0 when every logit equals the Java int8 "
                + "reference, 1 otherwise.")
final class SimulateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "project folder written by pqk generate")
    Path dir;

    @Override
    public Integer call() {
        ProjectInfo project = ProjectInfo.read(dir);
        Int8Model model = project.model();
        DeviceRunResult r = DeviceRun.run(project);
        print(model.labels(), r);
        return r.firmwarePassed() ? 0 : 1;
    }

    static void print(List<String> labels, DeviceRunResult r) {
        System.out.printf(Locale.ROOT, "%4s %-10s %-10s %11s %14s %12s%n", "#", "label", "predicted", "bit-exact",
                "front end", "model");
        for (VectorResult v : r.vectors()) {
            System.out.printf(Locale.ROOT, "%4d %-10s %-10s %11s %14d %12d%n", v.index(), name(labels, v.label()),
                    name(labels, v.predicted()), v.bitExact() ? "yes" : "NO (" + v.mismatches() + ")",
                    v.frontEndInstructions(), v.modelInstructions());
        }
        System.out.printf(Locale.ROOT, "%s on %s: %d/%d bit-exact with the Java int8 reference%s; median instructions: "
                        + "front end %d, model %d%n", r.firmwarePassed() ? "PASS" : "FAIL", r.boardId(), r.bitExact(),
                r.vectors().size(), r.labelled() == 0 ? "" : String.format(Locale.ROOT, ", accuracy %.1f%% (%d/%d)",
                        100 * r.accuracy(), r.correct(), r.labelled()),
                r.medianFrontEndInstructions(), r.medianModelInstructions());
    }

    static String name(List<String> labels, int i) {
        return i >= 0 && i < labels.size() ? labels.get(i) : "-";
    }
}
