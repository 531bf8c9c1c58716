package io.pqkmcu.codegen.renode;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.toolchain.Tool;
import io.pqkmcu.model.util.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a project's Robot test ({@link RenodeScripts#ROBOT}) with {@code renode-test}. Renode is in no registry
 * this project can install from, so callers check {@link #available()} and explain, or let {@link #run} throw
 * a {@link io.pqkmcu.codegen.toolchain.ToolMissingException} that says where Renode comes from.
 */
public final class RenodeRunner {
    private RenodeRunner() {}

    /** Whether {@code renode-test} is on PATH. */
    public static boolean available() {
        return Tool.RENODE_TEST.isInstalled();
    }

    /** Why Renode runs are skipped here, for test assumptions and messages. */
    public static String unavailableReason() {
        return "renode-test is not on PATH: " + Tool.RENODE_TEST.installHint;
    }

    /** Where Robot's output files (log.html, report.html, robot_output.xml) of a project's run go. */
    public static Path resultsDir(Path projectDir) {
        return projectDir.toAbsolutePath().resolve("build/renode");
    }

    /** The console output of a project's last Renode run, which its Robot test writes ({@link RenodeScripts#UART_LOG}). */
    public static Path uartLog(Path projectDir) {
        return resultsDir(projectDir).resolve(RenodeScripts.UART_LOG);
    }

    /** What the console printed in the project's last Renode run; empty when the run wrote no log. */
    public static String uartOutput(Path projectDir) {
        Path log = uartLog(projectDir);
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * The command for a project's Robot test:
     * {@code renode-test <project>/renode/firmware.robot -r <project>/build/renode}. The working directory is not
     * enough: Renode 1.15.3's {@code renode-test} wrapper passes its own {@code -r} (a folder inside the Renode
     * installation, overwritten by every run), and the last {@code -r} on the command line wins.
     */
    public static List<String> command(String renodeTest, Path projectDir) {
        return List.of(renodeTest, projectDir.toAbsolutePath().resolve(RenodeScripts.ROBOT).toString(),
                "-r", resultsDir(projectDir).toString());
    }

    /**
     * Runs the Robot test of {@code projectDir}, whose firmware must be built already.
     *
     * @throws IllegalArgumentException when the project has no Robot test (its board has no Renode platform)
     * @throws io.pqkmcu.codegen.toolchain.ToolMissingException when renode-test is not installed
     */
    public static ProcessRunner.Result run(Path projectDir, String boardId, Duration timeout) {
        Path robot = projectDir.resolve(RenodeScripts.ROBOT);
        if (!Files.isRegularFile(robot)) {
            throw new IllegalArgumentException("board " + boardId + " has no Renode platform, so " + projectDir
                    + " has no " + RenodeScripts.ROBOT + "; boards Renode runs: " + renodeBoards());
        }
        String renodeTest = Tool.RENODE_TEST.require();
        Path results = resultsDir(projectDir);
        try {
            Files.createDirectories(results);
            // Renode would keep an old log under a new name and write this run's beside it: start clean.
            Files.deleteIfExists(uartLog(projectDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + results + ": " + e.getMessage(), e);
        }
        return ProcessRunner.run(command(renodeTest, projectDir), results, timeout);
    }

    /** Ids of the catalog's boards that Renode emulates. */
    public static String renodeBoards() {
        return BoardCatalog.all().stream().filter(Board::runsInRenode).map(Board::id).collect(Collectors.joining(", "));
    }
}
