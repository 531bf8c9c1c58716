package io.pqkmcu.codegen.project;

import io.pqkmcu.model.util.OutputLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectWriterTest {
    @TempDir
    Path tmp;

    private static SortedMap<String, byte[]> project(String content) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(ProjectWriter.MARKER, "pqk\n".getBytes(StandardCharsets.UTF_8));
        files.put("src/model.c", content.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKillBetweenTheRenamesIsRepairedByTheNextRun() throws IOException {
        Path dir = tmp.resolve("proj");
        ProjectWriter.write(dir, project("v1"));
        // the state a kill leaves between "DIR -> old" and "new -> DIR": no DIR, an old and a new temporary
        Files.move(dir, tmp.resolve(".proj.pqk-old-123"));
        Files.createDirectories(tmp.resolve(".proj.pqk-new-456/src"));
        Files.writeString(tmp.resolve(".proj.pqk-new-456/src/model.c"), "half");
        ProjectWriter.recover(dir);
        assertEquals("v1", Files.readString(dir.resolve("src/model.c")), "the previous generation is back");
        assertEquals(List.of("proj"), siblings());
    }

    @Test
    void staleTemporariesOfAKilledRunAreRemovedAndTheOutputLocked() throws IOException {
        Path dir = tmp.resolve("proj");
        ProjectWriter.write(dir, project("v1"));
        Files.createDirectories(tmp.resolve(".proj.pqk-new-1/src"));
        Files.createDirectories(tmp.resolve(".proj.pqk-old-2"));
        Files.createDirectories(tmp.resolve(".other.pqk-new-3")); // another project's: not ours to remove
        ProjectWriter.write(dir, project("v2"));
        assertEquals("v2", Files.readString(dir.resolve("src/model.c")));
        assertEquals(List.of(".other.pqk-new-3", "proj"), siblings());
        try (OutputLock held = OutputLock.acquire(dir, "the project folder")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProjectWriter.write(dir, project("v3")));
            assertTrue(e.getMessage().contains("is being written by another pqk run"), e.getMessage());
        }
        assertEquals("v2", Files.readString(dir.resolve("src/model.c")), "the refused run changed nothing");
        // a lock file a killed run left behind does not block the next run
        Files.writeString(OutputLock.lockFile(dir), "12345:1:1\n");
        ProjectWriter.write(dir, project("v3"));
        assertEquals("v3", Files.readString(dir.resolve("src/model.c")));
        assertEquals(List.of(".other.pqk-new-3", "proj"), siblings());
    }
}
