package io.pqkmcu.codegen.flash;

import io.pqkmcu.boards.Board;
import io.pqkmcu.boards.BoardCatalog;
import io.pqkmcu.codegen.toolchain.Tool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flashing commands pqk builds for each board (no probe or board needed). */
class FlasherTest {
    private static final Path ELF = Path.of("/work/p/build/b/firmware.elf");
    private static final Flasher NOTHING_INSTALLED = new Flasher(t -> Optional.empty());
    private static final Flasher BOTH_INSTALLED = new Flasher(t -> Optional.of("/usr/bin/" + t.command));

    @Test
    void stm32f4DiscoveryUsesItsOpenocdBoardScriptAndProgramsTheElf() {
        List<FlashPlan> plans = BOTH_INSTALLED.plans(BoardCatalog.byId("stm32f4-discovery"), ELF);
        assertEquals(List.of("/usr/bin/openocd", "-f", "board/stm32f4discovery.cfg", "-c",
                "program /work/p/build/b/firmware.elf verify reset exit"), plans.get(0).command());
        assertEquals(List.of("/usr/bin/pyocd", "flash", "--target", "stm32f407vgtx", "/work/p/build/b/firmware.hex"),
                plans.get(1).command());
    }

    @Test
    void everyRealBoardHasTheRightTargetConfiguration() {
        Map<String, List<String>> openocd = Map.of(
                "stm32f746g-disco", List.of("-f", "board/stm32f746g-disco.cfg"),
                "nrf52840-dk", List.of("-f", "board/nordic_nrf52_dk.cfg"),
                "nucleo-l4r5zi", List.of("-f", "board/st_nucleo_l4.cfg"),
                "netduinoplus2", List.of("-f", "interface/stlink.cfg", "-c", "transport select hla_swd", "-f",
                        "target/stm32f4x.cfg"),
                // Both 96 KB flash banks of the STM32L072CZ.
                "b-l072z-lrwan1", List.of("-f", "interface/stlink.cfg", "-c", "transport select hla_swd", "-f",
                        "target/stm32l0_dual_bank.cfg"));
        Map<String, String> pyocd = Map.of("stm32f746g-disco", "stm32f746nghx", "nrf52840-dk", "nrf52840",
                "nucleo-l4r5zi", "stm32l4r5zitx", "netduinoplus2", "stm32f405rgtx", "b-l072z-lrwan1", "stm32l072cztx");
        for (String id : openocd.keySet()) {
            List<FlashPlan> plans = NOTHING_INSTALLED.plans(BoardCatalog.byId(id), ELF);
            List<String> cmd = plans.get(0).command();
            assertEquals("openocd", cmd.get(0), id);
            assertEquals(openocd.get(id), cmd.subList(1, cmd.size() - 2), id);
            assertEquals(pyocd.get(id), plans.get(1).command().get(3), id);
            assertFalse(plans.get(0).installed());
        }
    }

    @Test
    void autoPicksTheFirstInstalledToolAndNothingWhenNoneIs() {
        Board b = BoardCatalog.byId("nrf52840-dk");
        assertEquals("openocd", BOTH_INSTALLED.choose(BOTH_INSTALLED.plans(b, ELF), "auto", b.id()).orElseThrow().tool());
        Flasher onlyPyocd = new Flasher(t -> t == Tool.PYOCD ? Optional.of("/opt/pyocd") : Optional.empty());
        assertEquals("pyocd", onlyPyocd.choose(onlyPyocd.plans(b, ELF), "auto", b.id()).orElseThrow().tool());
        assertTrue(NOTHING_INSTALLED.choose(NOTHING_INSTALLED.plans(b, ELF), "auto", b.id()).isEmpty());
        assertTrue(onlyPyocd.choose(onlyPyocd.plans(b, ELF), "openocd", b.id()).isEmpty());
    }

    @Test
    void boardsWithoutFlashingToolsSayHowTheyAreProgrammed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NOTHING_INSTALLED.plans(BoardCatalog.byId("qemu-mps2-an386"), ELF));
        assertTrue(e.getMessage().contains("names no flashing tool: MPS2/MPS3 FPGA boards load images from their "
                + "microSD card"), e.getMessage());
    }

    @Test
    void shellLinesQuoteArgumentsWithSpaces() {
        FlashPlan p = NOTHING_INSTALLED.plans(BoardCatalog.byId("netduinoplus2"), Path.of("/a b/firmware.elf")).get(0);
        assertEquals("openocd -f interface/stlink.cfg -c 'transport select hla_swd' -f target/stm32f4x.cfg "
                + "-c 'program /a b/firmware.elf verify reset exit'", p.shellLine());
        assertEquals("'it'\\''s'", FlashPlan.quote("it's"));
    }
}
