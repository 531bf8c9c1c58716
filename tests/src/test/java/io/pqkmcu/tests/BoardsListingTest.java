package io.pqkmcu.tests;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `pqk boards` lists every board of the catalog in aligned columns, and the README shows exactly that. */
class BoardsListingTest {
    private static final String README_HEADING = "### `pqk boards [--verbose]`";

    @Test
    void everyBoardIsListedInAlignedColumnsAndTheReadmeShowsTheListingAsPrinted() throws Exception {
        CliRun r = CliRun.of("boards");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        List<Board> boards = BoardCatalog.all();
        String header = lines.get(0);
        for (int i = 0; i < boards.size(); i++) {
            Board b = boards.get(i);
            String row = lines.get(i + 1);
            assertTrue(row.startsWith(b.id() + " "), "row " + (i + 1) + " should be " + b.id() + ": " + row);
            assertEquals(header.indexOf("console"), row.indexOf(b.uart().kind().descriptorName + " 0x"),
                    "console column of " + b.id() + " shifted:\n" + header + "\n" + row);
        }
        String table = String.join("\n", lines.subList(0, boards.size() + 1)) + "\n";
        // Tests run in the module folder; the README is the repository's.
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(README_HEADING);
        assertTrue(at >= 0, "README has no section " + README_HEADING);
        int open = readme.indexOf("```\n", at) + 4;
        int close = readme.indexOf("```\n", open);
        assertEquals(table, readme.substring(open, close), "README's pqk boards listing differs from the command's");
    }
}
