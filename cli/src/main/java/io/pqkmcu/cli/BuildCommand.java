package io.pqkmcu.cli;

import io.pqkmcu.codegen.device.ProjectBuild;
import io.pqkmcu.codegen.project.ProjectInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pqk build}: compile a generated project for the host and for its board. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build a generated project: the host shared library (for JNA) and the board firmware "
                + "(.elf, .bin, .hex), and print the firmware's flash and RAM use.")
final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "project folder written by pqk generate")
    Path dir;

    @Option(names = "--host-only", description = "build only the host library")
    boolean hostOnly;

    @Option(names = "--firmware-only", description = "build only the firmware")
    boolean firmwareOnly;

    @Override
    public Integer call() {
        ProjectInfo project = ProjectInfo.read(dir);
        if (!firmwareOnly) {
            System.out.println("host library: " + ProjectBuild.host(project));
        }
        if (!hostOnly && !"host".equals(project.boardId())) {
            ProjectBuild.Firmware fw = ProjectBuild.firmware(project);
            String base = fw.elf().toString().replaceAll("\\.elf$", "");
            System.out.println("firmware: " + fw.elf() + " (+ " + base + ".bin, " + base + ".hex)");
            System.out.printf("  flash %d B (text %d + data %d), RAM %d B (data %d + bss %d, stack included); board %s "
                            + "has %d B flash, %d B RAM%n", fw.size().flashBytes(), fw.size().text(), fw.size().data(),
                    fw.size().ramBytes(), fw.size().data(), fw.size().bss(), fw.board().id(),
                    fw.board().memory().flash().size(),
                    fw.board().memory().ram().size());
        }
        return 0;
    }
}
