package io.pqkmcu.tests;

import io.pqkmcu.model.ModelFile;
import io.pqkmcu.model.RandomModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pqk flash}: the commands it would run, checked without hardware (--dry-run), and its refusals. */
class FlashCommandTest {
    @TempDir
    Path tmp;

    private Path project(String board) throws Exception {
        Path model = tmp.resolve("m.pqkm");
        ModelFile.write(RandomModels.random(5101), model);
        Path dir = tmp.resolve(board);
        assertEquals(0, CliRun.of("generate", model.toString(), "--board", board, "--out", dir.toString()).exitCode());
        return dir;
    }

    @Test
    void dryRunPrintsTheOpenocdAndPyocdCommandsForTheBoard() throws Exception {
        Path dir = project("nucleo-l4r5zi");
        CliRun r = CliRun.of("flash", dir.toString(), "--board", "nucleo-l4r5zi", "--dry-run");
        assertEquals(0, r.exitCode(), r.err());
        Path elf = dir.resolve("build/nucleo-l4r5zi/firmware.elf").toAbsolutePath();
        assertTrue(r.out().matches("(?s).*\\S*openocd -f board/st_nucleo_l4.cfg -c 'program " + elf
                + " verify reset exit'\n.*"), r.out());
        assertTrue(r.out().contains("pyocd flash --target stm32l4r5zitx "
                + dir.resolve("build/nucleo-l4r5zi/firmware.hex").toAbsolutePath()), r.out());
        assertTrue(r.out().contains("the image does not exist yet"), r.out());
    }

    @Test
    void aBoardOtherThanTheProjectsOrWithoutProbeIsRefused() throws Exception {
        CliRun other = CliRun.of("flash", project("stm32f746g-disco").toString(), "--board", "nrf52840-dk");
        assertEquals(1, other.exitCode());
        assertTrue(other.err().contains("generated for board stm32f746g-disco, not nrf52840-dk"), other.err());
        CliRun mps2 = CliRun.of("flash", project("qemu-mps2-an500").toString(), "--dry-run");
        assertEquals(1, mps2.exitCode());
        assertTrue(mps2.err().contains("names no flashing tool"), mps2.err());
        CliRun tool = CliRun.of("flash", tmp.resolve("stm32f746g-disco").toString(), "--tool", "jlink");
        assertEquals(1, tool.exitCode());
        assertTrue(tool.err().contains("--tool must be auto, openocd or pyocd"), tool.err());
        assertFalse(tool.err().contains("\tat "), tool.err());
    }
}
