package io.pqkmcu.codegen.renode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RenodeRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void robotResultsGoToTheProjectsBuildFolderThroughTheLastResultsOption() {
        Path project = tmp.resolve("p");
        List<String> cmd = RenodeRunner.command("/opt/renode/renode-test", project);
        Path results = project.toAbsolutePath().resolve("build/renode");
        assertEquals(List.of("/opt/renode/renode-test", project.toAbsolutePath().resolve("renode/firmware.robot").toString(),
                "-r", results.toString()), cmd);
        // renode-test puts its own -r first; Robot takes the last one, so ours must come after the suite.
        assertEquals("-r", cmd.get(cmd.size() - 2));
        assertEquals(results, RenodeRunner.resultsDir(project));
    }

    @Test
    void theConsoleLogIsReadFromTheResultsFolderAndIsEmptyBeforeAnyRun() throws Exception {
        Path project = tmp.resolve("p");
        assertEquals(project.toAbsolutePath().resolve("build/renode/uart.log"), RenodeRunner.uartLog(project));
        assertEquals("", RenodeRunner.uartOutput(project));
        Files.createDirectories(RenodeRunner.resultsDir(project));
        Files.writeString(RenodeRunner.uartLog(project), "PQK EXIT 0\n");
        assertEquals("PQK EXIT 0\n", RenodeRunner.uartOutput(project));
    }
}
